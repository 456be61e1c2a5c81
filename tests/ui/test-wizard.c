/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-file-page.h"
#include "freight-field-picker.h"
#include "freight-field-row.h"
#include "freight-mapping-page.h"
#include "freight-mapping-row.h"
#include "freight-object-page.h"
#include "freight-preview-cell.h"
#include "freight-review-page.h"
#include "freight-results-page.h"
#include "freight-run-page.h"
#include "wizard-fixture.h"

/* The load wizard against a real freight-local-org: an upsert of invoices by external ID
 * from object to review and run, then a hard delete. The cases run in order, each going on
 * from where the one before left the window, as a user would. */

static LoHarness *org;
static FreightOrgSession *session;
static FreightWindow *window;

static FreightWizard *
get_wizard (void)
{
  return freight_window_get_wizard (window);
}

static GtkWidget *
get_page (GType type)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), type, NULL, NULL);

  g_assert_nonnull (page);
  return page;
}

static const char *
get_title (void)
{
  GtkWidget *title = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL,
                                          NULL);

  return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
}

static void
activate_win_action (const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), name, NULL));
  ui_test_settle ();
}

/* Whether the header bar's button for @name can be clicked. */
static gboolean
win_action_enabled (const char *name)
{
  GtkWidget *button = wizard_fixture_find_button (GTK_WIDGET (window), name);

  return gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button);
}

/* The objects the object page lists now. */
static GListModel *
get_objects_shown (GtkWidget *page)
{
  GtkListView *list = wizard_fixture_find_list_view (page, "object-list");

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static guint
find_entry_position (GListModel *model,
                     const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FreightDescribeGlobalEntry) entry = g_list_model_get_item (model, i);

      if (g_str_equal (freight_describe_global_entry_get_name (entry), name))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
has_one_item (gpointer model)
{
  return g_list_model_get_n_items (model) == 1;
}

static void
test_object (void)
{
  FreightWizard *wizard = get_wizard ();
  GtkWidget *page = get_page (FREIGHT_TYPE_OBJECT_PAGE);
  GtkWidget *search;
  GtkListView *list;
  GListModel *model;
  GtkWidget *combo;
  guint n_insert;
  guint n_upsert;
  guint position;

  g_assert_cmpstr (get_title (), ==, "Choose Object");
  wizard_fixture_wait_objects (wizard);
  ui_test_settle ();

  /* Only the objects the operation allows, sorted by label. */
  list = wizard_fixture_find_list_view (page, "object-list");
  model = G_LIST_MODEL (gtk_list_view_get_model (list));
  n_insert = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_insert, >, 0);
  g_assert_cmpuint (find_entry_position (model, "Invoice__c"), !=, GTK_INVALID_LIST_POSITION);
  g_assert_false (win_action_enabled ("win.next"));
  wizard_fixture_screenshots (GTK_WIDGET (window), "object-page-insert");

  g_signal_emit_by_name (wizard_fixture_find_toggle (page, "U_psert"), "clicked");
  ui_test_settle ();
  g_assert_cmpint (freight_wizard_get_operation (wizard), ==, FREIGHT_OPERATION_UPSERT);
  n_upsert = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_upsert, <=, n_insert);

  /* Search by API name. */
  search = ui_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "invoice__");
  g_assert_true (ui_test_wait_until (has_one_item, model));
  gtk_editable_set_text (GTK_EDITABLE (search), "");

  /* Choosing the object loads its describe; the upsert key follows. */
  position = find_entry_position (model, "Invoice__c");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), position, TRUE);
  wizard_fixture_wait_object (wizard);
  g_assert_cmpstr (freight_wizard_get_object_name (wizard), ==, "Invoice__c");
  g_assert_cmpstr (freight_wizard_get_external_id_field (wizard), ==, "External_Id__c");
  combo = ui_test_find_row (page, "_External ID Field");
  g_assert_true (gtk_widget_is_drawable (combo));
  ui_test_settle ();
  g_assert_true (win_action_enabled ("win.next"));
  wizard_fixture_screenshots (GTK_WIDGET (window), "object-page-upsert");

  activate_win_action ("win.next");
  g_assert_cmpstr (get_title (), ==, "Choose File");
}

static void
drop_file (const char *path)
{
  wizard_fixture_drop_file (window, path);
}

static GtkColumnView *
find_preview (GtkWidget *page)
{
  GtkWidget *view = ui_test_find_widget (page, GTK_TYPE_COLUMN_VIEW, NULL, NULL);

  g_assert_nonnull (view);
  return GTK_COLUMN_VIEW (view);
}

static gboolean
cell_shows (GtkWidget  *root,
            const char *text)
{
  if (FREIGHT_IS_PREVIEW_CELL (root) &&
      g_str_equal (freight_preview_cell_get_text (FREIGHT_PREVIEW_CELL (root)), text))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (cell_shows (child, text))
      return TRUE;

  return FALSE;
}

/* The preview offers its rows a few per frame. */
static gboolean
preview_shows (gpointer text)
{
  return cell_shows (get_page (FREIGHT_TYPE_FILE_PAGE), text);
}

static char *invoices_path;

static void
test_file (void)
{
  FreightWizard *wizard = get_wizard ();
  GtkWidget *page = get_page (FREIGHT_TYPE_FILE_PAGE);
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *comma = NULL;
  g_autofree char *comma_path = NULL;
  g_autoptr(GError) error = NULL;
  GtkColumnView *preview;
  GListModel *columns;
  AdwComboRow *delimiter;
  GtkWidget *format;
  FreightCsvDialect dialect;

  g_assert_false (win_action_enabled ("win.next"));
  wizard_fixture_screenshots (GTK_WIDGET (window), "file-page-empty");

  source = g_test_build_filename (G_TEST_DIST, "..", "data", "ui", "invoices.csv", NULL);
  g_file_get_contents (source, &contents, NULL, &error);
  g_assert_no_error (error);
  invoices_path = wizard_fixture_write_file ("invoices.csv", contents);

  /* A file dropped onto the window: the same file with commas. */
  comma = g_strdelimit (g_strdup (contents), ";", ',');
  comma_path = wizard_fixture_write_file ("invoices-commas.csv", comma);
  drop_file (comma_path);
  wizard_fixture_wait_counted (wizard);
  g_assert_true (freight_wizard_get_dialect (wizard, &dialect));
  g_assert_cmpint (dialect.delimiter, ==, ',');
  g_assert_cmpstr (g_file_peek_path (freight_wizard_get_file (wizard)), ==, comma_path);

  /* The chooser: the file with semicolons and CRLF. */
  wizard_fixture_choose_file (page, "file.choose", invoices_path, FALSE);
  g_assert_cmpstr (g_file_peek_path (freight_wizard_get_file (wizard)), ==, invoices_path);
  wizard_fixture_wait_counted (wizard);
  ui_test_settle ();

  g_assert_true (freight_wizard_get_dialect (wizard, &dialect));
  g_assert_cmpint (dialect.delimiter, ==, ';');
  g_assert_cmpint (dialect.line_ending, ==, FREIGHT_CSV_LINE_ENDING_CRLF);
  g_assert_false (freight_wizard_get_dialect_overridden (wizard));
  format = ui_test_find_row (page, "File _Format");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (format)), ==,
                   "Unicode (UTF-8), Semicolon, Windows (CRLF) (detected)");

  /* The preview: a row number column and one column per CSV column, named by the header. */
  preview = find_preview (page);
  columns = gtk_column_view_get_columns (preview);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 10);
  {
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (columns, 1);
    g_autoptr(GtkColumnViewColumn) last = g_list_model_get_item (columns, 9);

    g_assert_cmpstr (gtk_column_view_column_get_title (first), ==, "External ID");
    g_assert_cmpstr (gtk_column_view_column_get_title (last), ==, "Notes");
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (preview))),
                    ==, 12);
  g_assert_cmpstr (wizard_fixture_find_label (page, "12 rows"), ==, "12 rows");
  g_assert_true (ui_test_wait_until (preview_shows, (gpointer) "First order of the year"));
  /* Row 9 has a stray quote: marked in the grid, explained below it with line and column. */
  g_assert_true (ui_test_wait_until (preview_shows, (gpointer) "⚠ 9"));
  g_assert_nonnull (wizard_fixture_find_label (page, "⚠ Row 9: invoices.csv: line 10, column 9"));
  g_assert_true (win_action_enabled ("win.next"));

  /* Expanded, the format shows what was detected, and each part can be changed. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (format), TRUE);
  wizard_fixture_screenshots (GTK_WIDGET (window), "file-page");

  delimiter = ADW_COMBO_ROW (ui_test_find_row (page, "_Delimiter"));
  adw_combo_row_set_selected (delimiter, 0);
  g_assert_true (freight_wizard_get_dialect_overridden (wizard));
  wizard_fixture_wait_counted (wizard);
  g_assert_cmpuint (g_strv_length ((char **) freight_wizard_get_columns (wizard)), ==, 1);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (format)), ==,
                   "Unicode (UTF-8), Comma, Windows (CRLF) (chosen)");

  g_assert_true (gtk_widget_activate_action (page, "file.detect", NULL));
  wizard_fixture_wait_counted (wizard);
  ui_test_settle ();
  g_assert_false (freight_wizard_get_dialect_overridden (wizard));
  g_assert_cmpuint (g_strv_length ((char **) freight_wizard_get_columns (wizard)), ==, 9);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (format), FALSE);

  activate_win_action ("win.next");
  g_assert_cmpstr (get_title (), ==, "Map Fields");
}

static gboolean
rows_built (gpointer page)
{
  return !freight_mapping_page_get_building (page);
}

/* The mapping page makes its rows between frames. */
static void
wait_rows_built (GtkWidget *page)
{
  g_assert_true (ui_test_wait_until (rows_built, page));
  ui_test_settle ();
}

static const char *
mapped_path (const char *column)
{
  FreightMapping *mapping = freight_wizard_get_mapping (get_wizard ());
  g_autoptr(GPtrArray) entries = freight_mapping_get_entries_for_column (mapping, column);

  if (entries->len == 0)
    return NULL;
  return freight_mapping_entry_get_target_path (g_ptr_array_index (entries, 0));
}

static FreightMappingRow *
find_mapping_row (GtkWidget  *page,
                  const char *column)
{
  GtkWidget *row = ui_test_find_widget (page, FREIGHT_TYPE_MAPPING_ROW, "title", column);

  if (row == NULL)
    g_error ("No row for the column “%s”", column);
  return FREIGHT_MAPPING_ROW (row);
}

static gboolean
related_loaded (gpointer data)
{
  return freight_wizard_get_related_loading (data) == 0;
}

typedef struct
{
  const char *column;
  const char *path;
} Mapped;

static gboolean
column_is_mapped (gpointer data)
{
  Mapped *mapped = data;

  return g_strcmp0 (mapped_path (mapped->column), mapped->path) == 0;
}

static void
wait_mapped (const char *column,
             const char *path)
{
  Mapped mapped = { column, path };

  if (!ui_test_wait_until (column_is_mapped, &mapped))
    g_error ("“%s” is mapped to %s, not %s", column, mapped_path (column), path);
}

static FreightFieldRow *
find_field_row (GtkWidget  *root,
                const char *path)
{
  if (FREIGHT_IS_FIELD_ROW (root))
    {
      FreightFieldChoice *choice = freight_field_row_get_choice (FREIGHT_FIELD_ROW (root));

      if (choice != NULL && g_strcmp0 (freight_field_choice_get_path (choice), path) == 0)
        return FREIGHT_FIELD_ROW (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      FreightFieldRow *found = find_field_row (child, path);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
drag_field (GtkWidget  *page,
            const char *path,
            const char *column)
{
  GtkWidget *list = ui_test_find_widget (page, GTK_TYPE_LIST_VIEW, "name", "field-list");
  FreightFieldRow *field;
  GtkDragSource *source;
  GtkDropTarget *target;
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  gboolean dropped = FALSE;

  g_assert_nonnull (list);
  g_assert_true (gtk_widget_is_drawable (list));
  field = find_field_row (list, path);
  g_assert_nonnull (field);

  source = wizard_fixture_find_controller (GTK_WIDGET (field), GTK_TYPE_DRAG_SOURCE);
  g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (&value), ==, path);

  target = wizard_fixture_find_controller (GTK_WIDGET (find_mapping_row (page, column)),
                                           GTK_TYPE_DROP_TARGET);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_true (dropped);
  ui_test_settle ();
}

static FreightFieldPicker *
open_picker (FreightMappingRow *row)
{
  FreightFieldPicker *picker = FREIGHT_FIELD_PICKER (freight_mapping_row_get_picker (row));

  gtk_popover_popup (GTK_POPOVER (picker));
  ui_test_settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (picker)));
  return picker;
}

static void
search_picker (FreightFieldPicker *picker,
               const char         *text,
               guint               expected)
{
  freight_field_picker_set_search (picker, text);
  wizard_fixture_wait_n_items (freight_field_picker_get_shown (picker), expected);
}

static const char *
constant_of (const char *field)
{
  FreightMapping *mapping = freight_wizard_get_mapping (get_wizard ());
  FreightMappingEntry *entry = freight_mapping_lookup_target (mapping, field);

  return entry != NULL ? freight_mapping_entry_get_constant (entry) : NULL;
}

static gboolean
row_is_shown (GtkWidget  *root,
              const char *title)
{
  return gtk_widget_get_visible (ui_test_find_row (root, title));
}

static gboolean
has_problem_kind (FreightProblemKind kind)
{
  GListModel *problems = freight_mapping_get_problems (freight_wizard_get_mapping (get_wizard ()));

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(FreightProblem) problem = g_list_model_get_item (problems, i);

      if (freight_problem_get_kind (problem) == kind)
        return TRUE;
    }

  return FALSE;
}

static char *sdl_path;

static void
test_mapping (void)
{
  FreightWizard *wizard = get_wizard ();
  FreightMapping *mapping = freight_wizard_get_mapping (wizard);
  GtkWidget *page = get_page (FREIGHT_TYPE_MAPPING_PAGE);
  FreightMappingRow *row;
  FreightFieldPicker *picker;
  GtkWidget *blank;
  GtkWidget *widget;
  AdwComboRow *date;
  FreightMappingEntry *entry;
  g_autofree char *screenshot = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (get_title (), ==, "Map Fields");
  g_assert_true (ui_test_wait_until (related_loaded, wizard));
  wait_rows_built (page);
  /* Nothing was remembered for this header, so the page made a first guess. */
  wait_mapped ("External ID", "External_Id__c");

  /* Cleared, the load cannot go on, and the page says why. */
  g_assert_true (gtk_widget_activate_action (page, "mapping.clear", NULL));
  ui_test_settle ();
  g_assert_cmpuint (freight_mapping_get_n_entries (mapping), ==, 0);
  g_assert_true (has_problem_kind (FREIGHT_PROBLEM_MISSING_REQUIRED_FIELD));
  g_assert_true (gtk_widget_is_drawable (ui_test_find_widget (page, ADW_TYPE_PREFERENCES_GROUP,
                                                              "title", "Needs Attention")));
  g_assert_false (win_action_enabled ("win.next"));
  g_assert_nonnull (wizard_fixture_find_label (page, "0 of 9 columns mapped"));

  /* Auto-map: by label, and Account through its external ID. */
  g_assert_true (gtk_widget_activate_action (page, "mapping.auto-map", NULL));
  ui_test_settle ();
  g_assert_cmpstr (mapped_path ("External ID"), ==, "External_Id__c");
  g_assert_cmpstr (mapped_path ("Account External ID"), ==, "Account__r.External_Id__c");
  g_assert_cmpstr (mapped_path ("Amount"), ==, "Amount__c");
  g_assert_cmpstr (mapped_path ("Invoice Date"), ==, "Invoice_Date__c");
  g_assert_cmpstr (mapped_path ("Due Date"), ==, "Due_Date__c");
  g_assert_cmpstr (mapped_path ("Status"), ==, "Status__c");
  g_assert_cmpstr (mapped_path ("Paid"), ==, "Paid__c");
  g_assert_null (mapped_path ("Invoice Number"));
  g_assert_null (mapped_path ("Notes"));
  g_assert_cmpstr (freight_mapping_row_get_target_title (find_mapping_row (page,
                                                                           "Account External ID")),
                   ==, "Account via External_Id__c");
  g_assert_cmpstr (freight_mapping_row_get_target_title (find_mapping_row (page, "Notes")), ==,
                   "Not Mapped");
  g_assert_nonnull (wizard_fixture_find_label (page, "7 of 9 columns mapped"));
  g_assert_true (freight_mapping_is_ready (mapping));
  g_assert_true (win_action_enabled ("win.next"));

  /* The picker: search, a field the upsert cannot write, then Description for Notes. */
  row = find_mapping_row (page, "Notes");
  picker = open_picker (row);
  search_picker (picker, "created date", 1);
  g_assert_false (freight_field_picker_choose (picker, 0));
  search_picker (picker, "descr", 1);
  screenshot = ui_test_screenshot (GTK_WIDGET (picker), "mapping-field-picker");
  g_assert_true (freight_field_picker_choose (picker, 0));
  ui_test_settle ();
  g_assert_cmpstr (mapped_path ("Notes"), ==, "Description__c");
  g_assert_cmpstr (freight_mapping_row_get_target_title (row), ==, "Description");

  /* “Not Mapped” in the picker, then the field dragged back from the field list. */
  row = find_mapping_row (page, "Due Date");
  picker = open_picker (row);
  g_assert_true (freight_field_picker_choose (picker, 0));
  ui_test_settle ();
  g_assert_null (mapped_path ("Due Date"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  ui_test_settle ();
  drag_field (page, "Due_Date__c", "Due Date");
  g_assert_cmpstr (mapped_path ("Due Date"), ==, "Due_Date__c");

  /* Blank cells of Due Date clear the field. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  blank = ui_test_find_widget (ui_test_find_row (GTK_WIDGET (row), "_Blank Cells Clear the Field"),
                               GTK_TYPE_SWITCH, NULL, NULL);
  g_assert_nonnull (blank);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (blank)));
  gtk_switch_set_active (GTK_SWITCH (blank), TRUE);
  entry = freight_mapping_lookup_target (mapping, "Due_Date__c");
  g_assert_cmpint (freight_mapping_entry_get_blank_policy (entry), ==, FREIGHT_BLANK_POLICY_CLEAR);

  /* Invoice Date is a date: its format can be chosen. */
  row = find_mapping_row (page, "Invoice Date");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  date = ADW_COMBO_ROW (ui_test_find_row (GTK_WIDGET (row), "Date _Format"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (date)));
  g_assert_false (row_is_shown (GTK_WIDGET (find_mapping_row (page, "Status")), "Date _Format"));
  adw_combo_row_set_selected (date, 1);
  entry = freight_mapping_lookup_target (mapping, "Invoice_Date__c");
  g_assert_nonnull (freight_mapping_entry_get_format (entry));
  g_assert_cmpint (freight_value_format_get_date_format (freight_mapping_entry_get_format (entry)),
                   ==, FREIGHT_DATE_FORMAT_ISO);
  adw_combo_row_set_selected (date, 0);
  g_assert_null (freight_mapping_entry_get_format (entry));

  /* A constant for a field the file has no column for. */
  widget = ui_test_find_row (page, "New Constant _Value");
  gtk_editable_set_text (GTK_EDITABLE (widget), "19");
  g_assert_false (gtk_widget_is_sensitive (wizard_fixture_find_button (page,
                                                                       "mapping.add-constant")));
  widget = ui_test_find_widget (widget, GTK_TYPE_MENU_BUTTON, NULL, NULL);
  gtk_menu_button_popup (GTK_MENU_BUTTON (widget));
  ui_test_settle ();
  picker = FREIGHT_FIELD_PICKER (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)));
  search_picker (picker, "tax rate", 1);
  g_assert_true (freight_field_picker_choose (picker, 0));
  ui_test_settle ();
  g_assert_true (gtk_widget_activate_action (page, "mapping.add-constant", NULL));
  ui_test_settle ();
  entry = freight_mapping_lookup_target (mapping, "Tax_Rate__c");
  g_assert_nonnull (entry);
  g_assert_cmpstr (freight_mapping_entry_get_constant (entry), ==, "19");
  g_assert_nonnull (ui_test_find_widget (page, ADW_TYPE_ACTION_ROW, "title", "Tax Rate"));

  wizard_fixture_screenshots (GTK_WIDGET (window), "mapping-page");

  /* Save as .sdl, clear, and open it again. */
  sdl_path = g_build_filename (g_get_home_dir (), "Documents", "invoices.sdl", NULL);
  wizard_fixture_choose_file (page, "mapping.save-sdl", sdl_path, TRUE);
  g_assert_true (ui_test_wait_until (wizard_fixture_file_exists, sdl_path));
  g_file_get_contents (sdl_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Notes=Description__c"));
  g_assert_nonnull (strstr (contents, "Account\\ External\\ ID=Account__r\\:External_Id__c"));
  g_assert_nonnull (strstr (contents, "\"19\"=Tax_Rate__c"));

  g_assert_true (gtk_widget_activate_action (page, "mapping.clear", NULL));
  ui_test_settle ();
  g_assert_cmpuint (freight_mapping_get_n_entries (mapping), ==, 0);
  wizard_fixture_choose_file (page, "mapping.load-sdl", sdl_path, FALSE);
  wait_mapped ("Notes", "Description__c");
  g_assert_cmpstr (mapped_path ("Account External ID"), ==, "Account__r.External_Id__c");
  g_assert_cmpstr (constant_of ("Tax_Rate__c"), ==, "19");
  g_assert_true (freight_mapping_is_ready (mapping));

  /* .sdl files have no blank policy: Due Date's is set again, to be remembered. */
  entry = freight_mapping_lookup_target (mapping, "Due_Date__c");
  g_assert_cmpint (freight_mapping_entry_get_blank_policy (entry), ==, FREIGHT_BLANK_POLICY_LEAVE);
  row = find_mapping_row (page, "Due Date");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  blank = ui_test_find_widget (ui_test_find_row (GTK_WIDGET (row), "_Blank Cells Clear the Field"),
                               GTK_TYPE_SWITCH, NULL, NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (blank)));
  gtk_switch_set_active (GTK_SWITCH (blank), TRUE);
  g_assert_cmpint (freight_mapping_entry_get_blank_policy (entry), ==, FREIGHT_BLANK_POLICY_CLEAR);

  activate_win_action ("win.next");
  g_assert_cmpstr (get_title (), ==, "Review");
}

static gboolean
preflight_done (gpointer data)
{
  return freight_wizard_get_preflight_result (data) != NULL ||
         freight_wizard_get_preflight_error (data) != NULL;
}

static void
wait_preflight (FreightWizard *wizard)
{
  g_assert_true (ui_test_wait_until (preflight_done, wizard));
  g_assert_null (freight_wizard_get_preflight_error (wizard));
  ui_test_settle ();
}

/* The titles of the rows of the review page's list of problems. */
static GPtrArray *
dup_problem_titles (GtkWidget *page)
{
  GtkWidget *list = ui_test_find_widget (page, GTK_TYPE_LIST_BOX, "name", "problems");
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_ptr_array_add (titles,
                       g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));

  return titles;
}

static gboolean
has_title_prefix (GPtrArray  *titles,
                  const char *prefix)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (titles, i), prefix))
      return TRUE;
  return FALSE;
}

static const char *
row_value (GtkWidget  *page,
           const char *title)
{
  GtkWidget *row = ui_test_find_row (page, title);
  GtkWidget *value = NULL;

  /* The value is the row's suffix label, the last label in it. */
  for (GtkWidget *w = row; w != NULL; w = gtk_widget_get_last_child (w))
    if (GTK_IS_LABEL (w))
      value = w;
  g_assert_nonnull (value);
  return gtk_label_get_text (GTK_LABEL (value));
}

static gboolean
limits_shown (gpointer page)
{
  return g_str_has_suffix (row_value (page, "Bulk API Batches"), " left");
}

static void
test_review (void)
{
  FreightWizard *wizard = get_wizard ();
  GtkWidget *page = get_page (FREIGHT_TYPE_REVIEW_PAGE);
  FreightPreflightResult *result;
  g_autoptr(GPtrArray) titles = NULL;
  GtkWidget *check;
  GtkWidget *list;
  GtkWidget *status;
  AdwMessageDialog *dialog;
  g_autofree char *screenshot = NULL;

  g_assert_cmpstr (get_title (), ==, "Review");
  g_assert_false (win_action_enabled ("win.next"));
  wait_preflight (wizard);
  result = freight_wizard_get_preflight_result (wizard);

  /* What will happen. */
  g_assert_cmpstr (row_value (page, "Operation"), ==, "Upsert");
  g_assert_cmpstr (row_value (page, "Object"), ==, "Invoice");
  g_assert_cmpstr (row_value (page, "File"), ==, "invoices.csv");
  g_assert_cmpstr (row_value (page, "Bulk API Jobs"), ==, "1");

  /* The known bad rows, by row number. */
  g_assert_cmpuint (freight_preflight_result_get_n_rows (result), ==, 12);
  g_assert_cmpuint (freight_preflight_result_get_n_error_rows (result), ==, 4);
  g_assert_nonnull (ui_test_find_widget (page, ADW_TYPE_ACTION_ROW, "title",
                                         "4 rows of 12 have problems"));
  titles = dup_problem_titles (page);
  g_assert_true (has_title_prefix (titles, "Row 3 · Amount"));
  g_assert_true (has_title_prefix (titles, "Row 5 · Invoice Date"));
  g_assert_true (has_title_prefix (titles, "Row 6"));
  g_assert_true (has_title_prefix (titles, "Row 9"));
  g_assert_false (has_title_prefix (titles, "Row 1 "));
  g_assert_false (has_title_prefix (titles, "Row 2 "));

  /* The problem rows are left out unless the user says otherwise. */
  g_assert_true (freight_preflight_result_get_exclude_rows_with_errors (result));
  g_assert_cmpuint (freight_wizard_get_n_rows_to_load (wizard), ==, 8);
  g_assert_cmpstr (row_value (page, "Rows"), ==, "8");
  check = ui_test_find_widget (ui_test_find_row (page, "Load _Them Anyway"),
                               GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  ui_test_settle ();
  g_assert_false (freight_preflight_result_get_exclude_rows_with_errors (result));
  g_assert_cmpuint (freight_wizard_get_n_rows_to_load (wizard), ==, 12);
  check = ui_test_find_widget (ui_test_find_row (page, "_Leave Out the Rows with Problems"),
                               GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  ui_test_settle ();
  g_assert_cmpuint (freight_wizard_get_n_rows_to_load (wizard), ==, 8);

  /* The org's daily allocation. */
  g_assert_true (ui_test_wait_until (limits_shown, page));
  g_assert_true (g_str_has_suffix (row_value (page, "API Requests"), " left"));
  g_assert_true (gtk_widget_is_sensitive (wizard_fixture_find_button (page, "review.start")));
  wizard_fixture_screenshots (GTK_WIDGET (window), "review-page");

  /* A problem shows its row of the file. */
  list = ui_test_find_widget (page, GTK_TYPE_LIST_BOX, "name", "problems");
  g_signal_emit_by_name (list, "row-activated",
                         ui_test_find_widget (list, ADW_TYPE_ACTION_ROW, "title",
                                              "Row 3 · Amount"));
  dialog = wizard_fixture_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Row 3");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Line 4 of invoices.csv."));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "subtitle",
                                         "12,34x"));
  screenshot = ui_test_screenshot (GTK_WIDGET (dialog), "review-row-dialog");
  wizard_fixture_respond (dialog, "_Close");

  /* Start runs the load: the Run page follows it, and the Results step comes at its end. */
  g_assert_true (gtk_widget_activate_action (page, "review.start", NULL));
  ui_test_settle ();
  g_assert_nonnull (freight_wizard_get_load (wizard));
  wizard_fixture_wait_load (wizard);
  g_assert_null (freight_wizard_get_load_error (wizard));
  g_assert_cmpint (freight_load_get_state (freight_wizard_get_load (wizard)), ==,
                   FREIGHT_LOAD_STATE_FINISHED);
  g_assert_cmpstr (freight_run_page_get_count_text (
                     FREIGHT_RUN_PAGE (get_page (FREIGHT_TYPE_RUN_PAGE))), ==,
                   "8 of 8 rows processed");
  /* The org has the accounts the invoices name (seed_accounts()): every row sent goes in,
   * the upsert finding each invoice's account by its external ID. */
  g_assert_cmpuint (freight_load_get_rows_succeeded (freight_wizard_get_load (wizard)), ==, 8);
  g_assert_cmpuint (freight_load_get_rows_failed (freight_wizard_get_load (wizard)), ==, 0);
  g_assert_cmpuint (freight_load_get_rows_unprocessed (freight_wizard_get_load (wizard)), ==,
                    4);
  g_assert_cmpstr (get_title (), ==, "Results");
  /* The Results step shows the run's result folder (FreightResultsPage). */
  status = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_RESULTS_PAGE, NULL, NULL);
  g_assert_nonnull (status);
  wizard_fixture_wait_property (status, "busy", FALSE);
  g_assert_true (gtk_widget_is_drawable (status));
  {
    FreightRunResults *results =
      freight_results_page_get_results (FREIGHT_RESULTS_PAGE (status));

    /* Every row of the file, those left out by pre-flight in unprocessed.csv. */
    g_assert_cmpuint (freight_run_results_get_n_rows (results), ==, 12);
    g_assert_cmpuint (freight_run_results_get_n_succeeded (results) +
                      freight_run_results_get_n_failed (results) +
                      freight_run_results_get_n_unprocessed (results), ==, 12);
  }
  g_assert_false (win_action_enabled ("win.next"));
  g_assert_false (gtk_widget_is_sensitive (wizard_fixture_find_button (GTK_WIDGET (window),
                                                                       "win.back")));
}

static FreightOrgSession *second_session;

static void
test_remembered (void)
{
  FreightWizard *wizard = get_wizard ();
  FreightMapping *mapping = freight_wizard_get_mapping (wizard);
  FreightMappingEntry *entry;
  GtkWidget *page;
  GtkWidget *search;
  GtkWidget *offer;

  /* A second run, in a new session of the same org: the same object and header. */
  second_session = wizard_fixture_connect (org);
  freight_window_start_wizard (window, second_session);
  g_assert_cmpstr (get_title (), ==, "Choose Object");
  g_assert_null (freight_wizard_get_object (wizard));
  wizard_fixture_wait_objects (wizard);

  /* Keyboard: type, Enter takes the first match and goes on once its fields are in. */
  page = get_page (FREIGHT_TYPE_OBJECT_PAGE);
  search = ui_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "Invoice");
  wizard_fixture_wait_n_items (get_objects_shown (page), 1);
  g_signal_emit_by_name (search, "activate");
  wizard_fixture_wait_object (wizard);
  ui_test_settle ();
  g_assert_cmpstr (get_title (), ==, "Choose File");

  /* The file stays from the first run. */
  wizard_fixture_wait_counted (wizard);
  activate_win_action ("win.next");
  g_assert_cmpstr (get_title (), ==, "Map Fields");

  page = get_page (FREIGHT_TYPE_MAPPING_PAGE);
  wait_rows_built (page);
  g_assert_true (ui_test_wait_until ((GSourceFunc) gtk_widget_is_sensitive,
                                     wizard_fixture_find_button (page, "mapping.use-remembered")));
  g_assert_cmpuint (freight_mapping_get_n_entries (mapping), ==, 0);
  g_assert_nonnull (wizard_fixture_find_label (page, "Use the mapping from last time?"));
  wizard_fixture_screenshots (GTK_WIDGET (window), "mapping-page-remembered");

  g_assert_true (gtk_widget_activate_action (page, "mapping.use-remembered", NULL));
  ui_test_settle ();
  g_assert_cmpstr (mapped_path ("Notes"), ==, "Description__c");
  g_assert_cmpstr (mapped_path ("Account External ID"), ==, "Account__r.External_Id__c");
  entry = freight_mapping_lookup_target (mapping, "Due_Date__c");
  g_assert_cmpint (freight_mapping_entry_get_blank_policy (entry), ==, FREIGHT_BLANK_POLICY_CLEAR);
  g_assert_cmpstr (constant_of ("Tax_Rate__c"), ==, "19");
  offer = wizard_fixture_find_button (page, "mapping.use-remembered");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (offer))));
  g_assert_true (win_action_enabled ("win.next"));
}

static void
go_back_to (const char *title)
{
  for (guint i = 0; i < 6 && g_strcmp0 (get_title (), title) != 0; i++)
    activate_win_action ("win.back");
  g_assert_cmpstr (get_title (), ==, title);
}

static void
go_on_to (const char *title)
{
  for (guint i = 0; i < 6 && g_strcmp0 (get_title (), title) != 0; i++)
    {
      g_assert_true (win_action_enabled ("win.next"));
      activate_win_action ("win.next");
    }
  g_assert_cmpstr (get_title (), ==, title);
}

static void
test_delete (void)
{
  FreightWizard *wizard = get_wizard ();
  GtkWidget *page;
  GListModel *objects;
  g_autofree char *ids = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *screenshot = NULL;
  GtkWidget *start;

  go_back_to ("Choose Object");
  page = get_page (FREIGHT_TYPE_OBJECT_PAGE);
  g_signal_emit_by_name (wizard_fixture_find_toggle (page, "_Delete"), "clicked");
  ui_test_settle ();
  g_assert_cmpint (freight_wizard_get_operation (wizard), ==, FREIGHT_OPERATION_DELETE);
  g_assert_cmpstr (freight_wizard_get_object_name (wizard), ==, "Invoice__c");
  objects = get_objects_shown (page);
  g_assert_cmpuint (find_entry_position (objects, "User"), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_widget_get_visible (
                    gtk_widget_get_parent (ui_test_find_row (page, "_External ID Field"))));

  /* A file of record Ids, dropped onto the window. */
  ids = wizard_fixture_write_file ("invoice-ids.csv",
                                   "Id\na01000000000001\na01000000000002\na01000000000003\n");
  drop_file (ids);
  g_assert_cmpstr (get_title (), ==, "Choose File");
  wizard_fixture_wait_counted (wizard);
  go_on_to ("Map Fields");
  wait_mapped ("Id", "Id");
  /* The constant of the upsert has no place in a delete; the page says so. */
  page = get_page (FREIGHT_TYPE_MAPPING_PAGE);
  g_assert_true (has_problem_kind (FREIGHT_PROBLEM_DELETE_EXTRA_FIELD));
  g_assert_false (win_action_enabled ("win.next"));
  g_assert_true (gtk_widget_activate_action (page, "mapping.remove-constant", "s", "Tax_Rate__c"));
  ui_test_settle ();
  go_on_to ("Review");
  wait_preflight (wizard);
  page = get_page (FREIGHT_TYPE_REVIEW_PAGE);
  g_assert_cmpuint (freight_wizard_get_n_rows_to_load (wizard), ==, 3);
  start = wizard_fixture_find_button (page, "review.start");
  g_assert_true (gtk_widget_has_css_class (start, "destructive-action"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (start)), ==, "_Delete Records");
  wizard_fixture_screenshots (GTK_WIDGET (window), "review-page-delete");

  /* Delete asks first, with the number of records. */
  g_assert_true (gtk_widget_activate_action (page, "review.start", NULL));
  dialog = wizard_fixture_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 3 Invoice Records?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "recycle bin"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  screenshot = ui_test_screenshot (GTK_WIDGET (dialog), "confirm-delete");
  wizard_fixture_respond (dialog, "_Cancel");
  g_assert_cmpstr (get_title (), ==, "Review");

  /* Hard delete says that the records skip the recycle bin. */
  go_back_to ("Choose Object");
  page = get_page (FREIGHT_TYPE_OBJECT_PAGE);
  g_signal_emit_by_name (wizard_fixture_find_toggle (page, "_Hard Delete"), "clicked");
  ui_test_settle ();
  g_assert_nonnull (wizard_fixture_find_label (page,
                                               "Deletes the records of the Id column for good"));
  wizard_fixture_screenshots (GTK_WIDGET (window), "object-page-hard-delete");
  go_on_to ("Review");
  wait_preflight (wizard);
  page = get_page (FREIGHT_TYPE_REVIEW_PAGE);
  g_assert_true (gtk_widget_activate_action (page, "review.start", NULL));
  dialog = wizard_fixture_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Delete 3 Invoice Records for Good?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "skip the recycle bin"));
  g_free (screenshot);
  screenshot = ui_test_screenshot (GTK_WIDGET (dialog), "confirm-hard-delete");
  wizard_fixture_respond (dialog, "_Hard Delete");
  g_assert_cmpint (freight_load_description_get_operation (
                     freight_load_get_description (freight_wizard_get_load (wizard))), ==,
                   FREIGHT_OPERATION_HARD_DELETE);
  wizard_fixture_wait_load (wizard);
  g_assert_cmpstr (freight_run_page_get_count_text (
                     FREIGHT_RUN_PAGE (get_page (FREIGHT_TYPE_RUN_PAGE))), ==,
                   "0 of 3 rows processed");
  /* The demo user lacks the Bulk API Hard Delete permission: the job fails as a whole. */
  g_assert_cmpuint (freight_load_get_n_jobs_failed (freight_wizard_get_load (wizard)), ==, 1);
  g_assert_cmpuint (freight_load_get_rows_unprocessed (freight_wizard_get_load (wizard)), ==,
                    3);
  g_assert_cmpstr (get_title (), ==, "Results");
}

/* The accounts the invoices name, by their external ID, so that the upsert's lookups find
 * their parents and its rows go in. */
static void
seed_accounts (void)
{
  static const char jobs[] = "/services/data/v62.0/jobs/ingest";
  static const char csv[] = "Name,External_Id__c\n"
                            "Northwind Freight,ACC-0001\n"
                            "Blue Harbor Logistics,ACC-0002\n"
                            "Carrow Steelworks,ACC-0003\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *token = lo_harness_password_login (org, &error);
  g_autoptr(LoResponse) created = NULL;
  g_autoptr(LoResponse) uploaded = NULL;
  g_autoptr(LoResponse) closed = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *batches = NULL;
  JsonObject *info = NULL;

  g_assert_no_error (error);
  created = lo_harness_request (org, "POST", jobs, "application/json",
                                "{\"object\":\"Account\",\"operation\":\"insert\"}", -1,
                                token);
  lo_assert_status (created, 200);
  json = lo_response_get_json (created);
  path = g_strdup_printf ("%s/%s", jobs,
                          json_object_get_string_member (json_node_get_object (json), "id"));
  batches = g_strconcat (path, "/batches", NULL);
  uploaded = lo_harness_request (org, "PUT", batches, "text/csv", csv, -1, token);
  lo_assert_status (uploaded, 201);
  closed = lo_harness_request (org, "PATCH", path, "application/json",
                               "{\"state\":\"UploadComplete\"}", -1, token);
  lo_assert_status (closed, 200);
  g_clear_pointer (&json, json_node_unref);
  for (int i = 0; i < 300; i++)
    {
      g_autoptr(LoResponse) polled = lo_harness_request (org, "GET", path, NULL, NULL, 0,
                                                         token);
      const char *state;

      lo_assert_status (polled, 200);
      g_clear_pointer (&json, json_node_unref);
      json = lo_response_get_json (polled);
      info = json_node_get_object (json);
      state = json_object_get_string_member (info, "state");
      if (g_str_equal (state, "JobComplete") || g_str_equal (state, "Failed"))
        break;
      g_usleep (50000);
    }
  g_assert_cmpstr (json_object_get_string_member (info, "state"), ==, "JobComplete");
  g_assert_cmpint (json_object_get_int_member (info, "numberRecordsFailed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (info, "numberRecordsProcessed"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  org = wizard_fixture_start_org ();
  seed_accounts ();
  session = wizard_fixture_connect (org);
  window = wizard_fixture_open_window (session, 800, 600);

  g_test_add_func ("/freight/ui/wizard/object", test_object);
  g_test_add_func ("/freight/ui/wizard/file", test_file);
  g_test_add_func ("/freight/ui/wizard/mapping", test_mapping);
  g_test_add_func ("/freight/ui/wizard/review", test_review);
  g_test_add_func ("/freight/ui/wizard/remembered", test_remembered);
  g_test_add_func ("/freight/ui/wizard/delete", test_delete);

  status = ui_test_run ();

  g_clear_object (&session);
  g_clear_object (&second_session);
  lo_harness_stop (org);
  lo_harness_free (org);
  return status;
}
