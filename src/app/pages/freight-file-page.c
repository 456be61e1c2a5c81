/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-file-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-app-util.h"
#include "freight-file-page.h"
#include "freight-preview-cell.h"

/* The CSV file: chosen here (GtkFileChooserNative) or dropped onto the window, its
 * sniffed encoding, delimiter and line ending with overrides, and a preview grid over the
 * wizard's FreightCsvIndex. The index counts the rows in a worker thread and reads the
 * rows the grid shows on demand, so a file of any size previews at once. */

/* A list view keeps about 200 rows bound around what it shows (GTK 4.8). Creating the
 * widgets of 200 rows of a wide file at once keeps the main loop busy for a tenth of a
 * second or more, so the preview offers its rows a screenful at a time, one step per frame,
 * until the list has all the rows it will ever create; then the whole index. */
#define ROWS_PER_FRAME     4
#define ROWS_IN_STEPS      208

/* Preview columns start as wide as their name and first values, within these bounds; the
 * user can resize them. */
#define MIN_COLUMN_WIDTH 80
#define MAX_COLUMN_WIDTH 280
#define WIDTH_PER_CHAR   9
#define WIDTH_PADDING    24
#define ROWS_FOR_WIDTHS  20

struct _FreightFilePage
{
  FreightWizardPage     parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkButton            *choose_button;
  AdwActionRow         *file_row;
  AdwExpanderRow       *format_row;
  GtkButton            *detect_button;
  AdwComboRow          *encoding_row;
  AdwComboRow          *delimiter_row;
  AdwComboRow          *line_ending_row;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkSpinner           *count_spinner;
  GtkLabel             *count_label;
  GtkScrolledWindow    *preview_scroller;
  GtkColumnView        *preview;
  GtkLabel             *row_error_label;

  GtkFileChooserNative *chooser;
  FreightCsvIndex      *index;
  GtkSliceListModel    *rows;
  guint                 rows_tick;
  guint64               first_error_row;
  guint                 widths_from_rows : 1;
  int                   line_height;
  guint                 syncing : 1;
};

G_DEFINE_FINAL_TYPE (FreightFilePage, freight_file_page, FREIGHT_TYPE_WIZARD_PAGE)

static const FreightCsvEncoding encodings[] = {
  FREIGHT_CSV_ENCODING_UTF8,
  FREIGHT_CSV_ENCODING_WINDOWS_1252,
  FREIGHT_CSV_ENCODING_ISO_8859_1,
  FREIGHT_CSV_ENCODING_UTF16LE,
  FREIGHT_CSV_ENCODING_UTF16BE,
};

static const char delimiters[] = { ',', ';', '\t', '|', '^', '`' };

static const FreightCsvLineEnding line_endings[] = {
  FREIGHT_CSV_LINE_ENDING_LF,
  FREIGHT_CSV_LINE_ENDING_CRLF,
  FREIGHT_CSV_LINE_ENDING_CR,
};

static FreightWizard *
get_wizard (FreightFilePage *self)
{
  return freight_wizard_page_get_wizard (FREIGHT_WIZARD_PAGE (self));
}

/* The one place that decides which of the page's actions are enabled. */
static void
update_actions (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "file.choose",
                                 wizard != NULL && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "file.detect",
                                 wizard != NULL && freight_wizard_get_file (wizard) != NULL &&
                                 freight_wizard_get_dialect_overridden (wizard));
}

static void
update_complete (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  gboolean complete = FALSE;

  if (wizard != NULL && freight_wizard_get_index (wizard) != NULL)
    complete = freight_wizard_get_columns (wizard) != NULL &&
               freight_csv_index_get_error (freight_wizard_get_index (wizard)) == NULL;

  freight_wizard_page_set_complete (FREIGHT_WIZARD_PAGE (self), complete);
}

/* The file chooser */

static void
chooser_response_cb (FreightFilePage      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);
  update_actions (self);

  if (file != NULL && get_wizard (self) != NULL)
    freight_wizard_set_file (get_wizard (self), file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  FreightFilePage *self = FREIGHT_FILE_PAGE (widget);
  GFile *current = freight_wizard_get_file (get_wizard (self));
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Choose a CSV File"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  if (current != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (current);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), parent, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  update_actions (self);
}

static void
detect_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  freight_wizard_set_dialect (get_wizard (FREIGHT_FILE_PAGE (widget)), NULL);
}

/* The format */

static void
format_selected_cb (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightCsvDialect dialect;
  guint encoding = adw_combo_row_get_selected (self->encoding_row);
  guint delimiter = adw_combo_row_get_selected (self->delimiter_row);
  guint line_ending = adw_combo_row_get_selected (self->line_ending_row);

  if (self->syncing || wizard == NULL || !freight_wizard_get_dialect (wizard, &dialect))
    return;
  if (encoding >= G_N_ELEMENTS (encodings) || delimiter >= G_N_ELEMENTS (delimiters) ||
      line_ending >= G_N_ELEMENTS (line_endings))
    return;

  if (dialect.encoding != encodings[encoding])
    dialect.has_bom = FALSE;
  dialect.encoding = encodings[encoding];
  dialect.delimiter = delimiters[delimiter];
  dialect.line_ending = line_endings[line_ending];
  freight_wizard_set_dialect (wizard, &dialect);
}

static guint
find_encoding (FreightCsvEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i] == encoding)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static guint
find_delimiter (char delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
sync_format (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightCsvDialect dialect;
  gboolean known = wizard != NULL && freight_wizard_get_dialect (wizard, &dialect);
  g_autofree char *subtitle = NULL;

  self->syncing = TRUE;
  if (known)
    {
      adw_combo_row_set_selected (self->encoding_row, find_encoding (dialect.encoding));
      adw_combo_row_set_selected (self->delimiter_row, find_delimiter (dialect.delimiter));
      adw_combo_row_set_selected (self->line_ending_row, dialect.line_ending);
    }
  self->syncing = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_row), known);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delimiter_row), known);
  gtk_widget_set_sensitive (GTK_WIDGET (self->line_ending_row), known);

  if (!known)
    subtitle = g_strdup (_("Detecting…"));
  else
    {
      g_autofree char *encoding = NULL;

      if (dialect.has_bom)
        /* Translators: an encoding, e.g. “UTF-8 with byte order mark”. */
        encoding = g_strdup_printf (_("%s with byte order mark"),
                                    freight_csv_encoding_get_display_name (dialect.encoding));
      else
        encoding = g_strdup (freight_csv_encoding_get_display_name (dialect.encoding));

      subtitle = g_strdup_printf (freight_wizard_get_dialect_overridden (wizard)
                                  /* Translators: encoding, delimiter, line ending. */
                                  ? _("%s, %s, %s (chosen)")
                                  /* Translators: encoding, delimiter, line ending. */
                                  : _("%s, %s, %s (detected)"),
                                  encoding,
                                  freight_csv_delimiter_get_display_name (dialect.delimiter),
                                  freight_csv_line_ending_get_display_name (dialect.line_ending));
    }
  adw_expander_row_set_subtitle (self->format_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->detect_button),
                          known && freight_wizard_get_dialect_overridden (wizard));
  update_actions (self);
}

static GListModel *
make_choices (guint         n,
              const char *(*name) (guint i))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, name (i));
  return G_LIST_MODEL (list);
}

static const char *
encoding_name (guint i)
{
  return freight_csv_encoding_get_display_name (encodings[i]);
}

static const char *
delimiter_name (guint i)
{
  return freight_csv_delimiter_get_display_name (delimiters[i]);
}

static const char *
line_ending_name (guint i)
{
  return freight_csv_line_ending_get_display_name (line_endings[i]);
}

/* The file row and the count */

static void
sync_file (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  GFile *file = wizard != NULL ? freight_wizard_get_file (wizard) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subtitle = NULL;

  gtk_stack_set_visible_child_name (self->stack, file != NULL ? "file" : "empty");
  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  path = _freight_dup_display_path (file);
  if (freight_wizard_get_file_size (wizard) > 0)
    {
      g_autofree char *size = g_format_size (freight_wizard_get_file_size (wizard));

      /* Translators: where the file is, then its size: “~/invoices.csv · 1.2 GB”. */
      subtitle = g_strdup_printf (_("%s · %s"), path, size);
    }
  else
    subtitle = g_strdup (path);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  adw_action_row_set_subtitle (self->file_row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_row), path);
}

static void
sync_count (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightCsvIndex *index = wizard != NULL ? freight_wizard_get_index (wizard) : NULL;
  guint64 n = wizard != NULL ? freight_wizard_get_n_rows (wizard) : 0;
  g_autofree char *count = _freight_format_count (n);
  g_autofree char *text = NULL;
  const GError *error = index != NULL ? freight_csv_index_get_error (index) : NULL;
  gboolean counting = index != NULL && !freight_wizard_get_rows_counted (wizard);

  if (index == NULL)
    text = g_strdup ("");
  else if (counting)
    /* Translators: shown while a worker counts a file's rows, “Counting… 1,234,567 rows”. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Counting… %s row",
                                         "Counting… %s rows", (gulong) MIN (n, G_MAXULONG)),
                            count);
  else if (error != NULL)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row read before the error",
                                         "%s rows read before the error",
                                         (gulong) MIN (n, G_MAXULONG)),
                            count);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                         (gulong) MIN (n, G_MAXULONG)),
                            count);

  gtk_label_set_text (self->count_label, text);
  gtk_spinner_set_spinning (self->count_spinner, counting);
  gtk_widget_set_visible (GTK_WIDGET (self->count_spinner), counting);

  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);
  update_complete (self);
}

/* The preview grid */

/* The height of a line of the preview's text, the same for every cell: asked once. */
static int
get_line_height (FreightFilePage *self)
{
  PangoFontMetrics *metrics;
  int height;

  if (self->line_height > 0)
    return self->line_height;

  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->preview)),
                                       NULL, NULL);
  height = pango_font_metrics_get_height (metrics);
  if (height == 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);

  self->line_height = MAX (PANGO_PIXELS_CEIL (height), 1);
  return self->line_height;
}

static GtkWidget *
new_cell (FreightFilePage *self)
{
  GtkWidget *cell = freight_preview_cell_new ();

  freight_preview_cell_set_line_height (FREIGHT_PREVIEW_CELL (cell), get_line_height (self));
  return cell;
}

static void
setup_row_number_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     FreightFilePage          *self)
{
  GtkWidget *cell = new_cell (self);

  freight_preview_cell_set_xalign (FREIGHT_PREVIEW_CELL (cell), 1);
  gtk_widget_add_css_class (cell, "numeric");
  gtk_widget_add_css_class (cell, "dim-label");
  gtk_list_item_set_child (item, cell);
}

/* The row's number, dim; a row the reader found fault with is marked and says why in its
 * tooltip. */
static void
bind_row_number_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    FreightFilePage          *self)
{
  FreightCsvRecord *record = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  const GError *error = record != NULL ? freight_csv_record_get_error (record) : NULL;
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  if (record != NULL)
    number = _freight_format_count (freight_csv_record_get_record_number (record));
  if (error != NULL)
    text = g_strconcat ("⚠ ", number, NULL);
  freight_preview_cell_set_text (FREIGHT_PREVIEW_CELL (cell), text != NULL ? text : number);

  /* Style classes are changed only when they change: each change restyles the cell. */
  if (gtk_widget_has_css_class (cell, "warning") != (error != NULL))
    {
      gtk_widget_remove_css_class (cell, error != NULL ? "dim-label" : "warning");
      gtk_widget_add_css_class (cell, error != NULL ? "warning" : "dim-label");
    }
  /* Setting a tooltip asks the display where the pointer is: only when it changes. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (cell), error != NULL ? error->message : NULL) != 0)
    gtk_widget_set_tooltip_text (cell, error != NULL ? error->message : NULL);

  /* Below the grid, the first such row of those shown says why, with line and column. */
  if (error != NULL &&
      (self->first_error_row == 0 ||
       freight_csv_record_get_record_number (record) < self->first_error_row))
    {
      g_autofree char *explained = NULL;

      self->first_error_row = freight_csv_record_get_record_number (record);
      /* Translators: a row of the preview marked ⚠, then what the reader found. */
      explained = g_strdup_printf (_("⚠ Row %s: %s"), number, error->message);
      gtk_label_set_text (self->row_error_label, explained);
      gtk_widget_set_visible (GTK_WIDGET (self->row_error_label), TRUE);
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FreightFilePage          *self)
{
  gtk_list_item_set_child (item, new_cell (self));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FreightFilePage          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "freight-column"));

  freight_preview_cell_set_field (FREIGHT_PREVIEW_CELL (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item), column);
}

static void
clear_columns (FreightFilePage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview, column);
    }
}

static void
add_column (FreightFilePage    *self,
            const char         *title,
            GtkListItemFactory *factory,
            int                 width)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);

  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (self->preview, column);
}

static gboolean
grow_rows_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  FreightFilePage *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->rows) + ROWS_PER_FRAME;

  if (size >= ROWS_IN_STEPS)
    {
      gtk_slice_list_model_set_size (self->rows, G_MAXUINT);
      self->rows_tick = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_slice_list_model_set_size (self->rows, size);
  return G_SOURCE_CONTINUE;
}

static void
stop_growing (FreightFilePage *self)
{
  if (self->rows_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->preview), self->rows_tick);
  self->rows_tick = 0;
}

static int
column_width (guint chars)
{
  return CLAMP ((int) chars * WIDTH_PER_CHAR + WIDTH_PADDING, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
}

/* The row numbers' column grows with the count, so that the last number fits. */
static void
fit_row_numbers (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  GListModel *columns = gtk_column_view_get_columns (self->preview);
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autofree char *count = NULL;
  int width;

  if (wizard == NULL || g_list_model_get_n_items (columns) == 0)
    return;

  count = _freight_format_count (freight_wizard_get_n_rows (wizard));
  width = MAX (56, (int) strlen (count) * WIDTH_PER_CHAR + WIDTH_PADDING);
  column = g_list_model_get_item (columns, 0);
  if (gtk_column_view_column_get_fixed_width (column) < width)
    gtk_column_view_column_set_fixed_width (column, width);
}

/* Once the first rows are there, each column starts as wide as its widest first value. */
static void
fit_columns (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightCsvIndex *index = wizard != NULL ? freight_wizard_get_index (wizard) : NULL;
  GListModel *columns = gtk_column_view_get_columns (self->preview);
  guint n_columns = g_list_model_get_n_items (columns);
  guint n_rows;

  if (self->widths_from_rows || index == NULL || n_columns < 2)
    return;
  n_rows = MIN (g_list_model_get_n_items (G_LIST_MODEL (index)), ROWS_FOR_WIDTHS);
  if (n_rows == 0)
    return;

  for (guint i = 1; i < n_columns; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      guint chars = g_utf8_strlen (gtk_column_view_column_get_title (column), -1);

      for (guint row = 0; row < n_rows; row++)
        {
          g_autoptr(FreightCsvRecord) record = g_list_model_get_item (G_LIST_MODEL (index), row);

          if (record != NULL && i - 1 < freight_csv_record_get_n_fields (record))
            chars = MAX (chars, g_utf8_strlen (freight_csv_record_get_field (record, i - 1),
                                               -1));
        }
      gtk_column_view_column_set_fixed_width (column, column_width (chars));
    }

  self->widths_from_rows = TRUE;
}

static void
sync_preview (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightCsvIndex *index = wizard != NULL ? freight_wizard_get_index (wizard) : NULL;
  const char * const *names = wizard != NULL ? freight_wizard_get_columns (wizard) : NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkListItemFactory *factory;

  clear_columns (self);
  stop_growing (self);
  g_clear_object (&self->rows);
  self->first_error_row = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->row_error_label), FALSE);
  if (index == NULL || names == NULL)
    {
      gtk_column_view_set_model (self->preview, NULL);
      return;
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_number_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_number_cb), self);
  /* Translators: the heading of the preview's column of row numbers. */
  add_column (self, _("Row"), factory, 56);

  for (guint i = 0; names[i] != NULL; i++)
    {
      int width = column_width (g_utf8_strlen (names[i], -1));

      factory = gtk_signal_list_item_factory_new ();
      g_object_set_data (G_OBJECT (factory), "freight-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
      add_column (self, names[i], factory, width);
    }

  self->widths_from_rows = FALSE;
  fit_columns (self);
  fit_row_numbers (self);
  self->rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (index)), 0, ROWS_PER_FRAME);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->preview, GTK_SELECTION_MODEL (selection));
  self->rows_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->preview), grow_rows_cb,
                                                  self, NULL);
}

/* Wizard → page */

static void
index_changed_cb (FreightFilePage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightCsvIndex *index = wizard != NULL ? freight_wizard_get_index (wizard) : NULL;

  if (self->index != index)
    {
      if (self->index != NULL)
        g_signal_handlers_disconnect_by_data (self->index, self);
      g_set_object (&self->index, index);
      if (index != NULL)
        g_signal_connect_object (index, "notify::error", G_CALLBACK (sync_count), self,
                                 G_CONNECT_SWAPPED);
    }

  sync_preview (self);
  sync_count (self);
}

static void
file_changed_cb (FreightFilePage *self)
{
  sync_file (self);
  sync_format (self);
  update_actions (self);
  update_complete (self);
}

static void
freight_file_page_wizard_changed (FreightWizardPage *page,
                                  FreightWizard     *wizard)
{
  FreightFilePage *self = FREIGHT_FILE_PAGE (page);

  if (wizard != NULL)
    {
      g_signal_connect_object (wizard, "notify::file", G_CALLBACK (file_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::file-size", G_CALLBACK (sync_file), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::dialect", G_CALLBACK (sync_format), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::dialect-overridden", G_CALLBACK (sync_format),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::index", G_CALLBACK (index_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::columns", G_CALLBACK (sync_preview), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::columns", G_CALLBACK (update_complete), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::n-rows", G_CALLBACK (sync_count), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::n-rows", G_CALLBACK (fit_columns), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::n-rows", G_CALLBACK (fit_row_numbers), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::rows-counted", G_CALLBACK (sync_count), self,
                               G_CONNECT_SWAPPED);
    }

  file_changed_cb (self);
  index_changed_cb (self);
}

static void
freight_file_page_shown (FreightWizardPage *page)
{
  FreightFilePage *self = FREIGHT_FILE_PAGE (page);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "empty"))
    gtk_widget_grab_focus (GTK_WIDGET (self->choose_button));
}

static void
freight_file_page_dispose (GObject *object)
{
  FreightFilePage *self = FREIGHT_FILE_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  stop_growing (self);
  g_clear_object (&self->rows);
  if (self->index != NULL)
    g_signal_handlers_disconnect_by_data (self->index, self);
  g_clear_object (&self->index);
  /* AdwBin keeps its child itself: it must let go before the template's children go. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_FILE_PAGE);

  G_OBJECT_CLASS (freight_file_page_parent_class)->dispose (object);
}

static void
freight_file_page_class_init (FreightFilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FreightWizardPageClass *page_class = FREIGHT_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = freight_file_page_dispose;

  page_class->wizard_changed = freight_file_page_wizard_changed;
  page_class->shown = freight_file_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-file-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, stack);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, choose_button);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, file_row);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, format_row);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, detect_button);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, line_ending_row);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, count_spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, preview);
  gtk_widget_class_bind_template_child (widget_class, FreightFilePage, row_error_label);

  gtk_widget_class_install_action (widget_class, "file.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "file.detect", NULL, detect_action);
}

static void
freight_file_page_init (FreightFilePage *self)
{
  g_autoptr(GListModel) encoding_names = NULL;
  g_autoptr(GListModel) delimiter_names = NULL;
  g_autoptr(GListModel) line_ending_names = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  encoding_names = make_choices (G_N_ELEMENTS (encodings), encoding_name);
  delimiter_names = make_choices (G_N_ELEMENTS (delimiters), delimiter_name);
  line_ending_names = make_choices (G_N_ELEMENTS (line_endings), line_ending_name);
  adw_combo_row_set_model (self->encoding_row, encoding_names);
  adw_combo_row_set_model (self->delimiter_row, delimiter_names);
  adw_combo_row_set_model (self->line_ending_row, line_ending_names);
  g_signal_connect_object (self->encoding_row, "notify::selected",
                           G_CALLBACK (format_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->delimiter_row, "notify::selected",
                           G_CALLBACK (format_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->line_ending_row, "notify::selected",
                           G_CALLBACK (format_selected_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

/**
 * freight_file_page_new:
 *
 * Returns: (transfer full): a new file page
 */
GtkWidget *
freight_file_page_new (void)
{
  return g_object_new (FREIGHT_TYPE_FILE_PAGE, NULL);
}
