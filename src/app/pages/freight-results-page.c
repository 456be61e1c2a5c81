/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-results-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-app-util.h"
#include "freight-results-page.h"

/* Results: the counts of a finished load (succeeded, failed, unprocessed), its failures by
 * error code and field as a chart with a text legend, its result files to open or save a
 * copy of, and the failed rows in an editable grid beside their errors (filter by error,
 * edit cells, fill a column) to send again (FreightResubmit), which updates the counts and
 * files in place. New Load starts over in the same org.
 *
 * The page reads a result folder, so that the Jobs window can open past runs with
 * freight_results_page_new_for_run() as well as the wizard showing the run it just did. */

#define CHART_ROW_HEIGHT 40
#define CHART_MAX_BARS   8

struct _FreightResultsPage
{
  FreightWizardPage   parent_instance;

  /* Template widgets */
  GtkStack           *view_stack;
  AdwStatusPage      *error_page;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkBox             *succeeded_card;
  GtkBox             *failed_card;
  GtkBox             *unprocessed_card;
  GtkLabel           *succeeded_label;
  GtkLabel           *failed_label;
  GtkLabel           *unprocessed_label;
  GtkButton          *fix_button;
  AdwPreferencesGroup *chart_group;
  GtkDrawingArea     *chart;
  GtkListBox         *legend;
  AdwPreferencesGroup *files_group;
  GtkDropDown        *filter_dropdown;
  GtkDropDown        *fill_column_dropdown;
  GtkEntry           *fill_entry;
  GtkButton          *resubmit_button;
  GtkRevealer        *progress_revealer;
  GtkSpinner         *progress_spinner;
  GtkLabel           *progress_label;
  GtkColumnView      *grid;

  GFile              *run_dir;
  FreightOrgSession  *session;
  FreightJournal     *journal;
  FreightRunResults  *results;
  FreightResubmit    *resubmit;
  GCancellable       *cancellable;
  GPtrArray          *file_rows;       /* AdwActionRow in files_group */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkStringList      *filter_names;
  GtkStringList      *column_names;
  guint64             n_edited;
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (FreightResultsPage, freight_results_page, FREIGHT_TYPE_WIZARD_PAGE)

enum
{
  PROP_0,
  PROP_RUN_DIR,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  NEW_LOAD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const result_files[] = {
  "success.csv", "failed.csv", "unprocessed.csv", "summary.json",
};

static void reload (FreightResultsPage *self);

/* --- Helpers --- */

static char *
format_count (guint64 n)
{
  return _freight_format_count (n);
}

static void
notify_busy (FreightResultsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static FreightFailureGroup *
filter_group (FreightResultsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);
  GListModel *groups;

  if (self->results == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  groups = freight_run_results_get_failure_groups (self->results);
  return g_list_model_get_item (groups, selected - 1);
}

static char *
group_title (FreightFailureGroup *group)
{
  const char *field = freight_failure_group_get_field (group);

  if (*field == '\0')
    return g_strdup (freight_failure_group_get_error_code (group));
  /* Translators: an error code and the field it is about, e.g. “REQUIRED_FIELD_MISSING on
   * Name”. */
  return g_strdup_printf (_("%s on %s"), freight_failure_group_get_error_code (group), field);
}

/* --- The resubmit button --- */

static void
update_resubmit (FreightResultsPage *self)
{
  GListModel *rows;
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;
  guint n;
  guint64 n_send;

  if (self->results == NULL)
    return;
  rows = freight_run_results_get_failed_rows (self->results);
  n = g_list_model_get_n_items (rows);
  self->n_edited = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightFailedRow) row = g_list_model_get_item (rows, i);

      self->n_edited += freight_failed_row_get_edited (row);
    }
  n_send = self->n_edited > 0 ? self->n_edited
                              : g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  count = format_count (n_send);
  if (self->n_edited > 0)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Resubmit %s Edited Row",
                                          "_Resubmit %s Edited Rows", n_send), count);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Resubmit %s Row",
                                          "_Resubmit %s Rows", n_send), count);
  gtk_button_set_label (self->resubmit_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->resubmit_button),
                               self->session == NULL
                                 ? _("Connect to the org of this run to send rows again")
                                 : _("Send the rows again as a new job; the outcome updates "
                                     "this run’s files and counts"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.resubmit",
                                 n_send > 0 && self->resubmit == NULL &&
                                 self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.fill",
                                 self->resubmit == NULL &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0);
}

/* --- The chart --- */

static void
chart_color (guint    index,
             GdkRGBA *color)
{
  /* Distinct in light and dark style; the legend carries the same in text. */
  static const char * const palette[] = {
    "#e01b24", "#ff7800", "#9141ac", "#1c71d8", "#26a269", "#c64600", "#865e3c", "#e5a50a",
  };

  gdk_rgba_parse (color, palette[index % G_N_ELEMENTS (palette)]);
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  FreightResultsPage *self = user_data;
  GListModel *groups;
  GtkStyleContext *style;
  GdkRGBA fg;
  guint n;
  guint64 max = 1;

  if (self->results == NULL)
    return;
  groups = freight_run_results_get_failure_groups (self->results);
  n = MIN (g_list_model_get_n_items (groups), CHART_MAX_BARS);
  style = gtk_widget_get_style_context (GTK_WIDGET (area));
  gtk_style_context_get_color (style, &fg);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightFailureGroup) group = g_list_model_get_item (groups, i);

      max = MAX (max, freight_failure_group_get_n_rows (group));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightFailureGroup) group = g_list_model_get_item (groups, i);
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *count = format_count (freight_failure_group_get_n_rows (group));
      double y = i * CHART_ROW_HEIGHT;
      double label_width = MIN (width * 0.45, 300);
      double bar_space = width - label_width - 60;
      double bar = MAX (2, bar_space * freight_failure_group_get_n_rows (group) / (double) max);
      int text_width;
      int text_height;
      GdkRGBA color;

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
      {
        const char *field = freight_failure_group_get_field (group);
        g_autofree char *markup = g_markup_printf_escaped (
          "<span size='small'>%s\n%s</span>", freight_failure_group_get_error_code (group),
          *field != '\0' ? field : _("No field named"));

        pango_layout_set_markup (layout, markup, -1);
      }
      pango_layout_set_width (layout, (int) (label_width - 12) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y + (CHART_ROW_HEIGHT - text_height) / 2.0);
      pango_cairo_show_layout (cr, layout);

      chart_color (i, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, label_width, y + 7, bar, CHART_ROW_HEIGHT - 14);
      cairo_fill (cr);

      pango_layout_set_attributes (layout, NULL);
      pango_layout_set_text (layout, count, -1);
      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, label_width + bar + 6, y + (CHART_ROW_HEIGHT - text_height) / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
legend_row_activated (FreightResultsPage *self,
                      GtkListBoxRow      *row)
{
  int index = gtk_list_box_row_get_index (row);

  gtk_drop_down_set_selected (self->filter_dropdown, index + 1);
  freight_results_page_show_fix (self, TRUE);
}

static GtkWidget *
make_swatch (guint index)
{
  GtkWidget *swatch = gtk_drawing_area_new ();
  g_autofree char *color_class = g_strdup_printf ("freight-swatch-%u", index % CHART_MAX_BARS);

  gtk_widget_set_size_request (swatch, 12, 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (swatch, "freight-swatch");
  gtk_widget_add_css_class (swatch, color_class);
  return swatch;
}

static void
update_chart (FreightResultsPage *self)
{
  GListModel *groups = freight_run_results_get_failure_groups (self->results);
  guint n = g_list_model_get_n_items (groups);
  guint n_bars = MIN (n, CHART_MAX_BARS);
  g_autoptr(GString) description = g_string_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))) != NULL)
    gtk_list_box_remove (self->legend, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightFailureGroup) group = g_list_model_get_item (groups, i);
      guint64 rows = freight_failure_group_get_n_rows (group);
      g_autofree char *count = format_count (rows);
      g_autofree char *rows_text = NULL;
      g_autofree char *title = NULL;
      const char *field = freight_failure_group_get_field (group);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *suffix;

      rows_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", rows),
                                   count);
      title = g_markup_escape_text (freight_failure_group_get_error_code (group), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   *field != '\0' ? field : _("No field named"));
      if (i < n_bars)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), make_swatch (i));
      suffix = gtk_label_new (rows_text);
      gtk_widget_add_css_class (suffix, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Fix the rows with this error"));
      gtk_list_box_append (self->legend, row);

      if (description->len > 0)
        g_string_append (description, "; ");
      {
        g_autofree char *group_text = group_title (group);

        /* Translators: one bar of the chart for screen readers: “REQUIRED_FIELD_MISSING on
         * Name: 12 rows”. */
        g_string_append_printf (description, _("%s: %s"), group_text, rows_text);
      }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chart_group), n > 0);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, n_bars * CHART_ROW_HEIGHT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart of the failed rows by error and field"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* --- Result files --- */

static void
copy_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FreightResultsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_copy_finish (G_FILE (source), result, &error))
    freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), _("Copy saved"));
  else
    {
      g_autofree char *message = g_strdup_printf (_("The copy was not saved: %s"),
                                                  error->message);

      freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), message);
    }
}

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  g_autoptr(FreightResultsPage) self = user_data;
  GFile *source = g_object_get_data (G_OBJECT (dialog), "source");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* Off the main loop: a result file can be as large as the load. */
      g_file_copy_async (source, target, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT, NULL,
                         NULL, NULL, copy_done, g_object_ref (self));
    }
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FreightResultsPage *self = FREIGHT_RESULTS_PAGE (widget);
  const char *name = g_variant_get_string (param, NULL);
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *title = NULL;

  if (self->run_dir == NULL)
    return;
  /* Translators: the title of the dialog saving a copy of a result file. */
  title = g_strdup_printf (_("Save a Copy of %s"), name);
  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "source", g_file_get_child (self->run_dir, name),
                          g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FreightResultsPage *self = FREIGHT_RESULTS_PAGE (widget);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->run_dir == NULL)
    return;
  file = g_file_get_child (self->run_dir, g_variant_get_string (param, NULL));
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static GtkWidget *
file_button (const char *icon,
             const char *action,
             const char *name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

static void
update_files (FreightResultsPage *self)
{
  guint64 counts[] = {
    freight_run_results_get_n_succeeded (self->results),
    freight_run_results_get_n_failed (self->results),
    freight_run_results_get_n_unprocessed (self->results),
  };
  const char *what[] = {
    N_("The rows that were loaded, with their record Ids"),
    N_("The rows Salesforce refused, with the errors; it loads again as it is"),
    N_("The rows never processed, with the reason"),
    N_("The org, object, mapping, jobs, counts and times"),
  };

  /* The rows are made once and updated: the files stay the same four. */
  if (self->file_rows->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (result_files); i++)
      {
        GtkWidget *row = adw_action_row_new ();
        g_autofree char *open_tip = g_strdup_printf (_("Open %s"), result_files[i]);
        g_autofree char *save_tip = g_strdup_printf (_("Save a Copy of %s"), result_files[i]);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), result_files[i]);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   file_button ("document-open-symbolic", "results.open",
                                                result_files[i], open_tip));
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   file_button ("document-save-as-symbolic", "results.save",
                                                result_files[i], save_tip));
        adw_preferences_group_add (self->files_group, row);
        g_ptr_array_add (self->file_rows, row);
      }

  for (guint i = 0; i < G_N_ELEMENTS (result_files); i++)
    {
      g_autoptr(GFile) file = g_file_get_child (self->run_dir, result_files[i]);
      GtkWidget *row = self->file_rows->pdata[i];
      g_autofree char *subtitle = NULL;

      gtk_widget_set_visible (row, g_file_query_exists (file, NULL));
      if (i < G_N_ELEMENTS (counts))
        {
          g_autofree char *count = format_count (counts[i]);

          /* Translators: how many rows a result file has, then what it holds. */
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row · %s",
                                                   "%s rows · %s", counts[i]),
                                      count, _(what[i]));
        }
      else
        subtitle = g_strdup (_(what[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
}

/* --- The grid of failed rows --- */

static void
cell_text_changed (GtkEditable *editable,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  FreightResultsPage *self = user_data;
  FreightFailedRow *row = g_object_get_data (G_OBJECT (editable), "row");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "column"));
  gboolean was_edited;

  if (row == NULL)
    return;
  was_edited = freight_failed_row_get_edited (row);
  freight_failed_row_set_value (row, column, gtk_editable_get_text (editable));
  if (was_edited != freight_failed_row_get_edited (row))
    update_resubmit (self);
}

static void
setup_value_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_editable_label_new ("");

  gtk_editable_set_width_chars (GTK_EDITABLE (label), 12);
  gtk_widget_set_hexpand (label, TRUE);
  g_object_set_data (G_OBJECT (label), "column", g_object_get_data (G_OBJECT (factory),
                                                                    "column"));
  g_signal_connect (label, "notify::text", G_CALLBACK (cell_text_changed), user_data);
  gtk_list_item_set_child (item, label);
}

static void
row_value_changed (FreightFailedRow *row,
                   guint             column,
                   GtkEditable      *label)
{
  const char *value = freight_failed_row_get_value (row, column);

  if (column == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "column")) &&
      g_strcmp0 (gtk_editable_get_text (label), value) != 0)
    gtk_editable_set_text (label, value);
}

static void
bind_value_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  FreightFailedRow *row = gtk_list_item_get_item (item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "column"));

  g_object_set_data (G_OBJECT (label), "row", NULL);
  gtk_editable_set_text (GTK_EDITABLE (label), freight_failed_row_get_value (row, column));
  /* The cells of the fields the error names stand out. */
  if (FREIGHT_RESULTS_PAGE (user_data)->results != NULL &&
      freight_run_results_is_error_column (FREIGHT_RESULTS_PAGE (user_data)->results, row,
                                           column))
    gtk_widget_add_css_class (label, "freight-error-cell");
  else
    gtk_widget_remove_css_class (label, "freight-error-cell");
  g_object_set_data_full (G_OBJECT (label), "row", g_object_ref (row), g_object_unref);
  g_signal_connect_object (row, "value-changed", G_CALLBACK (row_value_changed), label, 0);
}

static void
unbind_value_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  FreightFailedRow *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (label), "row", NULL);
  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, row_value_changed, label);
}

static void
row_edited_changed (FreightFailedRow *row,
                    GParamSpec       *pspec,
                    GtkWidget        *label)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             freight_failed_row_get_row (row));

  if (freight_failed_row_get_edited (row))
    {
      g_autofree char *text = g_strdup_printf ("%s ✎", number);

      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_add_css_class (label, "accent");
      /* Translators: a row number in the grid of failed rows, for screen readers. */
      gtk_widget_set_tooltip_text (label, _("Edited"));
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), number);
      gtk_widget_remove_css_class (label, "accent");
      gtk_widget_set_tooltip_text (label, NULL);
    }
}

static void
setup_row_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  FreightFailedRow *row = gtk_list_item_get_item (item);

  row_edited_changed (row, NULL, label);
  g_signal_connect_object (row, "notify::edited", G_CALLBACK (row_edited_changed), label, 0);
}

static void
unbind_row_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  FreightFailedRow *row = gtk_list_item_get_item (item);

  g_signal_handlers_disconnect_by_func (row, row_edited_changed,
                                        gtk_list_item_get_child (item));
}

static void
setup_error_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *code = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_ellipsize (GTK_LABEL (code), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (message), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (code, "caption-heading");
  gtk_widget_add_css_class (code, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_child (item, box);
}

static void
bind_error_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *code = gtk_widget_get_first_child (box);
  GtkWidget *message = gtk_widget_get_next_sibling (code);
  FreightFailedRow *row = gtk_list_item_get_item (item);
  const char *fields = freight_failed_row_get_error_fields (row);
  g_autofree char *code_text = NULL;
  g_autofree char *tooltip = NULL;

  if (*fields != '\0')
    /* Translators: an error code and the fields it names: “REQUIRED_FIELD_MISSING · Name”. */
    code_text = g_strdup_printf (_("%s · %s"), freight_failed_row_get_error_code (row), fields);
  else
    code_text = g_strdup (freight_failed_row_get_error_code (row));
  gtk_label_set_text (GTK_LABEL (code), code_text);
  gtk_label_set_text (GTK_LABEL (message), freight_failed_row_get_error_message (row));
  tooltip = g_strdup_printf ("%s\n%s", code_text, freight_failed_row_get_error_message (row));
  gtk_widget_set_tooltip_text (box, tooltip);
}

static GtkColumnViewColumn *
make_column (FreightResultsPage *self,
             const char         *title,
             GCallback           setup,
             GCallback           bind,
             GCallback           unbind,
             guint               column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  return view_column;
}

static void
update_grid (FreightResultsPage *self)
{
  const char * const *columns = freight_run_results_get_columns (self->results);
  GListModel *view_columns = gtk_column_view_get_columns (self->grid);
  GListModel *groups = freight_run_results_get_failure_groups (self->results);
  g_autoptr(GtkColumnViewColumn) row_column = NULL;
  g_autoptr(GtkColumnViewColumn) error_column = NULL;
  g_autoptr(GtkStringList) filter_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) column_names = gtk_string_list_new (NULL);
  g_autofree char *all = NULL;
  g_autofree char *n_all = format_count (freight_run_results_get_n_failed (self->results));

  while (g_list_model_get_n_items (view_columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) old = g_list_model_get_item (view_columns, 0);

      gtk_column_view_remove_column (self->grid, old);
    }
  /* Translators: the column of row numbers in the grid of failed rows. */
  row_column = make_column (self, _("Row"), G_CALLBACK (setup_row_cell),
                            G_CALLBACK (bind_row_cell), G_CALLBACK (unbind_row_cell), 0);
  gtk_column_view_append_column (self->grid, row_column);
  error_column = make_column (self, _("Error"), G_CALLBACK (setup_error_cell),
                              G_CALLBACK (bind_error_cell), NULL, 0);
  gtk_column_view_column_set_fixed_width (error_column, 240);
  gtk_column_view_append_column (self->grid, error_column);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = make_column (self, columns[i],
                                                           G_CALLBACK (setup_value_cell),
                                                           G_CALLBACK (bind_value_cell),
                                                           G_CALLBACK (unbind_value_cell), i);

      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->grid, column);
      gtk_string_list_append (column_names, columns[i]);
    }

  /* Translators: the filter that shows every failed row, with their number. */
  all = g_strdup_printf (_("All Errors (%s)"), n_all);
  gtk_string_list_append (filter_names, all);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(FreightFailureGroup) group = g_list_model_get_item (groups, i);
      g_autofree char *title = group_title (group);
      g_autofree char *count = format_count (freight_failure_group_get_n_rows (group));
      g_autofree char *text = g_strdup_printf ("%s (%s)", title, count);

      gtk_string_list_append (filter_names, text);
    }
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (filter_names));
  gtk_drop_down_set_selected (self->filter_dropdown, 0);
  gtk_drop_down_set_model (self->fill_column_dropdown, G_LIST_MODEL (column_names));
  g_set_object (&self->filter_names, filter_names);
  g_set_object (&self->column_names, column_names);

  gtk_filter_list_model_set_model (self->filtered,
                                   freight_run_results_get_failed_rows (self->results));
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  FreightResultsPage *self = user_data;
  g_autoptr(FreightFailureGroup) group = filter_group (self);
  FreightFailedRow *row = item;

  if (group == NULL)
    return TRUE;
  return g_strcmp0 (freight_failed_row_get_error_code (row),
                    freight_failure_group_get_error_code (group)) == 0 &&
         freight_failed_row_has_error_field (row, freight_failure_group_get_field (group));
}

static void
filter_changed (FreightResultsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_resubmit (self);
}

/* --- Loading the results --- */

static void
update_counts (FreightResultsPage *self)
{
  g_autofree char *succeeded = format_count (freight_run_results_get_n_succeeded (self->results));
  g_autofree char *failed = format_count (freight_run_results_get_n_failed (self->results));
  g_autofree char *unprocessed = format_count (
                                   freight_run_results_get_n_unprocessed (self->results));
  g_autofree char *total = format_count (freight_run_results_get_n_rows (self->results));
  g_autofree char *subtitle = NULL;
  g_autofree char *path = _freight_dup_display_path (self->run_dir);
  const char *object = freight_run_results_get_object_name (self->results);
  const char *operation = freight_run_results_get_operation (self->results);
  const char *org = freight_run_results_get_org_name (self->results);
  guint n_resubmits = freight_run_results_get_n_resubmits (self->results);
  FreightOperation op = FREIGHT_OPERATION_INSERT;
  JsonObject *summary;
  char *accessible;

  {
    GtkWidget *cards[] = { GTK_WIDGET (self->succeeded_card), GTK_WIDGET (self->failed_card),
                           GTK_WIDGET (self->unprocessed_card) };
    guint64 values[] = { freight_run_results_get_n_succeeded (self->results),
                         freight_run_results_get_n_failed (self->results),
                         freight_run_results_get_n_unprocessed (self->results) };

    /* A count of nothing is not worth a colour. */
    for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
      if (values[i] == 0)
        gtk_widget_add_css_class (cards[i], "zero");
      else
        gtk_widget_remove_css_class (cards[i], "zero");
  }
  gtk_label_set_text (self->succeeded_label, succeeded);
  gtk_label_set_text (self->failed_label, failed);
  gtk_label_set_text (self->unprocessed_label, unprocessed);
  /* Translators: for screen readers, a count card: “Succeeded: 12”. */
  accessible = g_strdup_printf (_("Succeeded: %s"), succeeded);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->succeeded_card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_free (accessible);
  accessible = g_strdup_printf (_("Failed: %s"), failed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->failed_card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_free (accessible);
  accessible = g_strdup_printf (_("Unprocessed: %s"), unprocessed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unprocessed_card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_free (accessible);

  summary = freight_run_results_get_summary (self->results);
  if (summary != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (summary, "state", NULL),
                 "cancelled") == 0)
    gtk_label_set_text (self->title_label, _("Load Cancelled"));
  else if (freight_run_results_get_n_failed (self->results) == 0 &&
           freight_run_results_get_n_unprocessed (self->results) == 0)
    gtk_label_set_text (self->title_label, _("Every Row Was Loaded"));
  else if (freight_run_results_get_n_succeeded (self->results) == 0)
    gtk_label_set_text (self->title_label, _("No Row Was Loaded"));
  else
    gtk_label_set_text (self->title_label, _("Some Rows Were Not Loaded"));

  if (operation != NULL)
    freight_operation_from_string (operation, &op);
  /* Translators: the run's summary: operation, rows, object, org, then its folder, e.g.
   * “Insert of 6 rows into Account in Acme — ~/Freight/accounts_2024-03-01”. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s row into %s in %s — %s",
                                           "%s of %s rows into %s in %s — %s",
                                           freight_run_results_get_n_rows (self->results)),
                              _freight_operation_get_label (op), total,
                              object != NULL ? object : "?", org != NULL ? org : "?", path);
  if (n_resubmits > 0)
    {
      g_autofree char *with = NULL;

      with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (resubmitted %u time)",
                                           "%s (resubmitted %u times)", n_resubmits),
                              subtitle, n_resubmits);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with);
    }
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->fix_button),
                          freight_run_results_get_n_failed (self->results) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.fix",
                                 freight_run_results_get_n_failed (self->results) > 0);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FreightResultsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  FreightRunResults *results = FREIGHT_RUN_RESULTS (source);

  if (results != self->results)
    return;
  self->loading = FALSE;
  if (!freight_run_results_load_finish (results, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->view_stack, "error");
      notify_busy (self);
      return;
    }
  update_counts (self);
  update_chart (self);
  update_files (self);
  update_grid (self);
  update_resubmit (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "fix") != 0 ||
      freight_run_results_get_n_failed (self->results) == 0)
    gtk_stack_set_visible_child_name (self->view_stack, "summary");
  freight_wizard_page_set_complete (FREIGHT_WIZARD_PAGE (self), TRUE);
  notify_busy (self);
}

static void
reload (FreightResultsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->run_dir == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  if (self->results == NULL ||
      !g_file_equal (freight_run_results_get_run_dir (self->results), self->run_dir))
    {
      g_clear_object (&self->results);
      self->results = freight_run_results_new (self->run_dir);
      gtk_stack_set_visible_child_name (self->view_stack, "loading");
    }
  self->loading = TRUE;
  notify_busy (self);
  freight_run_results_load_async (self->results, self->cancellable, load_done,
                                  g_object_ref (self));
}

/* --- Resubmit --- */

static void
resubmit_progress (FreightResultsPage *self)
{
  FreightLoad *load = self->resubmit != NULL ? freight_resubmit_get_load (self->resubmit)
                                             : NULL;
  g_autofree char *n = format_count (freight_resubmit_get_n_rows (self->resubmit));
  g_autofree char *text = NULL;

  if (load == NULL || freight_load_get_rows_total (load) == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sending %s row to the org…",
                                         "Sending %s rows to the org…",
                                         freight_resubmit_get_n_rows (self->resubmit)), n);
  else
    {
      g_autofree char *done = format_count (freight_load_get_rows_processed (load));

      /* Translators: progress of a resubmit: “2 of 3 rows processed”. */
      text = g_strdup_printf (_("%s of %s rows processed…"), done, n);
    }
  gtk_label_set_text (self->progress_label, text);
}

static void
load_notify (FreightResultsPage *self)
{
  FreightLoad *load = freight_resubmit_get_load (self->resubmit);

  g_signal_connect_object (load, "notify::rows-processed", G_CALLBACK (resubmit_progress),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (load, "notify::rows-total", G_CALLBACK (resubmit_progress),
                           self, G_CONNECT_SWAPPED);
  resubmit_progress (self);
}

static void
set_editing_enabled (FreightResultsPage *self,
                     gboolean            enabled)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->grid), enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_dropdown), enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.back", enabled);
  gtk_revealer_set_reveal_child (self->progress_revealer, !enabled);
  gtk_spinner_set_spinning (self->progress_spinner, !enabled);
}

static void
resubmit_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FreightResultsPage) self = user_data;
  g_autoptr(FreightResubmit) resubmit = FREIGHT_RESUBMIT (g_object_ref (source));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->resubmit);
  set_editing_enabled (self, TRUE);
  if (!freight_resubmit_run_finish (resubmit, result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The rows were not sent again: %s"),
                                                  error->message);

      freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), message);
    }
  else
    {
      guint64 ok = freight_resubmit_get_n_succeeded (resubmit);
      guint64 bad = freight_resubmit_get_n_failed (resubmit);
      g_autofree char *n_ok = format_count (ok);
      g_autofree char *n_bad = format_count (bad);
      g_autofree char *message = NULL;

      if (bad == 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row loaded",
                                                "All %s rows loaded", ok), n_ok);
      else
        /* Translators: after a resubmit: “2 rows loaded, 1 still failed”. */
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s loaded, %s row still failed",
                                                "%s loaded, %s rows still failed", bad),
                                   n_ok, n_bad);
      freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), message);
    }
  reload (self);
}

static void
resubmit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  FreightResultsPage *self = FREIGHT_RESULTS_PAGE (widget);
  GListModel *rows;
  gboolean edited_only;
  guint n;

  if (self->results == NULL || self->resubmit != NULL || self->session == NULL)
    return;
  if (self->journal == NULL)
    {
      g_autofree char *path = freight_journal_get_default_path ();
      g_autoptr(GError) error = NULL;

      self->journal = freight_journal_open (path, &error);
      if (self->journal == NULL)
        {
          freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), error->message);
          return;
        }
    }

  /* The edited rows, or when none is edited, the rows shown (a row lock, say, may pass
   * as it is). */
  update_resubmit (self);
  edited_only = self->n_edited > 0;
  rows = edited_only ? freight_run_results_get_failed_rows (self->results)
                     : G_LIST_MODEL (self->filtered);
  self->resubmit = freight_resubmit_new (self->run_dir, self->session, self->journal);
  n = g_list_model_get_n_items (rows);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightFailedRow) row = g_list_model_get_item (rows, i);

      if (!edited_only || freight_failed_row_get_edited (row))
        freight_resubmit_add_row (self->resubmit, freight_failed_row_get_row (row),
                                  freight_failed_row_get_values (row));
    }
  g_signal_connect_object (self->resubmit, "notify::load", G_CALLBACK (load_notify), self,
                           G_CONNECT_SWAPPED);
  set_editing_enabled (self, FALSE);
  update_resubmit (self);
  resubmit_progress (self);
  notify_busy (self);
  freight_resubmit_run_async (self->resubmit, NULL, resubmit_done, g_object_ref (self));
}

/* --- Other actions --- */

static void
fill_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FreightResultsPage *self = FREIGHT_RESULTS_PAGE (widget);
  guint column = gtk_drop_down_get_selected (self->fill_column_dropdown);
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->fill_entry));
  GListModel *rows = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (rows);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);

  if (column == GTK_INVALID_LIST_POSITION)
    return;
  /* Take the rows first: the filter does not change with values, but be safe. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (shown, g_list_model_get_item (rows, i));
  for (guint i = 0; i < shown->len; i++)
    freight_failed_row_set_value (shown->pdata[i], column, value);
  update_resubmit (self);
}

static void
fix_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  freight_results_page_show_fix (FREIGHT_RESULTS_PAGE (widget), TRUE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  freight_results_page_show_fix (FREIGHT_RESULTS_PAGE (widget), FALSE);
}

static void
new_load_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  g_signal_emit (widget, signals[NEW_LOAD], 0);
}

/* --- The wizard --- */

static void
freight_results_page_wizard_changed (FreightWizardPage *page,
                                     FreightWizard     *wizard)
{
  FreightResultsPage *self = FREIGHT_RESULTS_PAGE (page);

  if (wizard != NULL && freight_wizard_get_session (wizard) != NULL)
    g_set_object (&self->session, freight_wizard_get_session (wizard));
}

/* --- GObject --- */

static void
freight_results_page_dispose (GObject *object)
{
  FreightResultsPage *self = FREIGHT_RESULTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* The stack is the bin's child and a template child with an id: the bin lets it go
   * first, so that it is unparented once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_RESULTS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->results);
  g_clear_object (&self->resubmit);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter_names);
  g_clear_object (&self->column_names);

  G_OBJECT_CLASS (freight_results_page_parent_class)->dispose (object);
}

static void
freight_results_page_finalize (GObject *object)
{
  FreightResultsPage *self = FREIGHT_RESULTS_PAGE (object);

  g_clear_object (&self->run_dir);
  g_clear_object (&self->session);
  g_clear_object (&self->journal);
  g_ptr_array_unref (self->file_rows);

  G_OBJECT_CLASS (freight_results_page_parent_class)->finalize (object);
}

static void
freight_results_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FreightResultsPage *self = FREIGHT_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUN_DIR:
      g_value_set_object (value, self->run_dir);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, freight_results_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_results_page_class_init (FreightResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FreightWizardPageClass *page_class = FREIGHT_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = freight_results_page_dispose;
  object_class->finalize = freight_results_page_finalize;
  object_class->get_property = freight_results_page_get_property;
  page_class->wizard_changed = freight_results_page_wizard_changed;

  properties[PROP_RUN_DIR] =
    g_param_spec_object ("run-dir", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FreightResultsPage:busy:
   *
   * Whether the results are being read or rows sent again.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FreightResultsPage::new-load:
   *
   * The user wants to load another file into the same org.
   */
  signals[NEW_LOAD] = g_signal_new ("new-load", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, succeeded_card);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, failed_card);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, unprocessed_card);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, succeeded_label);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, failed_label);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, unprocessed_label);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, fix_button);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, chart_group);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, legend);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, files_group);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage,
                                        fill_column_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, fill_entry);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, resubmit_button);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, FreightResultsPage, grid);

  gtk_widget_class_install_action (widget_class, "results.fix", NULL, fix_action);
  gtk_widget_class_install_action (widget_class, "results.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "results.fill", NULL, fill_action);
  gtk_widget_class_install_action (widget_class, "results.resubmit", NULL, resubmit_action);
  gtk_widget_class_install_action (widget_class, "results.new-load", NULL, new_load_action);
  gtk_widget_class_install_action (widget_class, "results.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "results.save", "s", save_action);
}

static void
freight_results_page_init (FreightResultsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->file_rows = g_ptr_array_new ();

  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->grid, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->filter_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_resubmit),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->legend, "row-activated", G_CALLBACK (legend_row_activated),
                           self, G_CONNECT_SWAPPED);
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.resubmit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.fix", FALSE);
  gtk_stack_set_visible_child_name (self->view_stack, "loading");
}

/**
 * freight_results_page_new:
 *
 * Returns: (transfer full): a results page for the wizard; it shows a run once
 *   freight_results_page_set_run() names one
 */
FreightResultsPage *
freight_results_page_new (void)
{
  return g_object_new (FREIGHT_TYPE_RESULTS_PAGE, NULL);
}

/**
 * freight_results_page_new_for_run:
 * @run_dir: a finished load's result folder
 * @session: (nullable): the org it ran on, to send fixed rows again
 * @journal: (nullable): the journal (default: the user's)
 *
 * Returns: (transfer full): a page showing that run (for the Jobs window's past runs)
 */
FreightResultsPage *
freight_results_page_new_for_run (GFile             *run_dir,
                                  FreightOrgSession *session,
                                  FreightJournal    *journal)
{
  FreightResultsPage *self = freight_results_page_new ();

  freight_results_page_set_run (self, run_dir, session, journal);
  return self;
}

void
freight_results_page_set_run (FreightResultsPage *self,
                              GFile              *run_dir,
                              FreightOrgSession  *session,
                              FreightJournal     *journal)
{
  g_return_if_fail (FREIGHT_IS_RESULTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (run_dir));

  if (session != NULL)
    g_set_object (&self->session, session);
  if (journal != NULL)
    g_set_object (&self->journal, journal);
  if (g_set_object (&self->run_dir, run_dir))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_DIR]);
  freight_results_page_show_fix (self, FALSE);
  reload (self);
}

GFile *
freight_results_page_get_run_dir (FreightResultsPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESULTS_PAGE (self), NULL);
  return self->run_dir;
}

/**
 * freight_results_page_get_results:
 *
 * Returns: (transfer none) (nullable): what the page shows
 */
FreightRunResults *
freight_results_page_get_results (FreightResultsPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESULTS_PAGE (self), NULL);
  return self->results;
}

/**
 * freight_results_page_get_resubmit_run_id:
 *
 * Returns: the journal run of the resubmit this page is sending, or 0
 */
gint64
freight_results_page_get_resubmit_run_id (FreightResultsPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESULTS_PAGE (self), 0);

  return self->resubmit != NULL ? freight_resubmit_get_journal_id (self->resubmit) : 0;
}

gboolean
freight_results_page_get_busy (FreightResultsPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESULTS_PAGE (self), FALSE);
  return self->loading || self->resubmit != NULL;
}

/**
 * freight_results_page_show_fix:
 * @fix: %TRUE for the grid of failed rows, %FALSE for the summary
 */
void
freight_results_page_show_fix (FreightResultsPage *self,
                               gboolean            fix)
{
  g_return_if_fail (FREIGHT_IS_RESULTS_PAGE (self));

  if (self->results == NULL || self->loading)
    return;
  if (fix && freight_run_results_get_n_failed (self->results) > 0)
    {
      gtk_stack_set_visible_child_name (self->view_stack, "fix");
      gtk_widget_grab_focus (GTK_WIDGET (self->filter_dropdown));
    }
  else
    gtk_stack_set_visible_child_name (self->view_stack, "summary");
}
