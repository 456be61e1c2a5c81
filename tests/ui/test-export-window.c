/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "freight-export-picker.h"
#include "freight-export-window.h"
#include "freight-ui-test.h"
#include "ui-org.h"

/* The export window against a real freight-local-org: an object's fields picked in the
 * checklist, and a SOQL text with queryAll (deleted records too); each file equals what
 * the org's REST API says it holds. */

static BulkFixture org;

static FreightExportWindow *
open_export_window (void)
{
  FreightWindow *main_window = ui_org_main_window (&org);

  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-export", NULL);
  return FREIGHT_EXPORT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_EXPORT_WINDOW));
}

static FreightExportPicker *
get_picker (FreightExportWindow *window)
{
  GtkWidget *picker = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_EXPORT_PICKER,
                                           NULL, NULL);

  g_assert_nonnull (picker);
  return FREIGHT_EXPORT_PICKER (picker);
}

static gboolean
objects_listed (gpointer picker)
{
  GtkWidget *list = ui_test_find_widget (picker, GTK_TYPE_LIST_VIEW, "name",
                                         "object-list");
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (list));

  return !freight_export_picker_get_loading (picker) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

/* Picks @name in the object list, as a click on its row does. */
static void
pick_object (FreightExportPicker *picker,
             const char          *name)
{
  GtkWidget *list = ui_test_find_widget (GTK_WIDGET (picker), GTK_TYPE_LIST_VIEW, "name",
                                         "object-list");
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (list));

  if (!ui_test_wait_until (objects_listed, picker))
    {
      ui_test_screenshots (gtk_widget_get_ancestor (GTK_WIDGET (picker), GTK_TYPE_WINDOW),
                           "export-objects-not-listed");
      g_error ("The picker lists no object");
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(FreightDescribeGlobalEntry) entry = g_list_model_get_item (G_LIST_MODEL (model),
                                                                           i);

      if (g_str_equal (freight_describe_global_entry_get_name (entry), name))
        {
          gtk_selection_model_select_item (model, i, TRUE);
          ui_test_settle ();
          return;
        }
    }
  g_error ("%s is not in the object list", name);
}

static gboolean
fields_selected (gpointer picker)
{
  return !freight_export_picker_get_loading (picker) &&
         freight_export_picker_get_n_selected (picker) > 0;
}

static gboolean
export_ended (gpointer window)
{
  const char *page = freight_export_window_get_page (window);

  return g_strcmp0 (page, "done") == 0 || g_strcmp0 (page, "failed") == 0;
}

/* Next, then Export; returns the file once the window says it is done. */
static char *
run_export (FreightExportWindow *window,
            const char          *name,
            gboolean             query_all)
{
  g_autofree char *shot = g_strdup_printf ("export-%s-options", name);
  g_autofree char *done = g_strdup_printf ("export-%s-done", name);

  gtk_widget_activate_action (GTK_WIDGET (window), "export.next", NULL);
  ui_test_settle ();
  g_assert_cmpstr (freight_export_window_get_page (window), ==, "options");
  if (query_all)
    {
      GtkWidget *toggle = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SWITCH, NULL,
                                               NULL);

      g_assert_nonnull (toggle);
      gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
      ui_test_settle ();
    }
  ui_test_screenshots (GTK_WIDGET (window), shot);

  gtk_widget_activate_action (GTK_WIDGET (window), "export.start", NULL);
  g_assert_true (ui_test_wait_until (export_ended, window));
  g_assert_cmpstr (freight_export_window_get_page (window), ==, "done");
  ui_test_settle ();
  ui_test_screenshots (GTK_WIDGET (window), done);
  return g_strdup (freight_export_get_output_path (freight_export_window_get_export (window)));
}

static void
test_fields (void)
{
  FreightExportWindow *window = open_export_window ();
  FreightExportPicker *picker = get_picker (window);
  g_auto(GStrv) fields = NULL;
  g_autofree char *soql = NULL;
  g_autofree char *path = NULL;
  g_autofree char *got = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(GError) error = NULL;

  pick_object (picker, "Contact");
  g_assert_true (ui_test_wait_until (fields_selected, picker));
  ui_test_screenshots (GTK_WIDGET (window), "export-picker");
  fields = freight_export_picker_dup_fields (picker);
  g_assert_true (g_strv_contains ((const char * const *) fields, "Id"));

  path = run_export (window, "fields", FALSE);
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &got, NULL, &error));
  g_assert_no_error (error);

  soql = freight_export_build_soql ("Contact", (const char * const *) fields, &error);
  g_assert_no_error (error);
  records = ui_org_rest_records (&org, soql, FALSE);
  g_assert_cmpuint (json_array_get_length (records), ==, 10);
  expected = ui_org_records_csv (records, (const char * const *) fields);
  ui_org_assert_same_lines (got, expected);

  ui_test_close_window (GTK_WINDOW (window));
}

static void
test_soql_query_all (void)
{
  FreightExportWindow *window = open_export_window ();
  const char * const fields[] = { "Id", "LastName", "Email", "IsDeleted", NULL };
  const char *soql = "SELECT Id, LastName, Email, IsDeleted FROM Contact";
  GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL, NULL);
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW, NULL, NULL);
  g_autofree char *path = NULL;
  g_autofree char *got = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(JsonArray) live = NULL;

  g_assert_nonnull (stack);
  g_assert_nonnull (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "soql");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), soql, -1);
  ui_test_settle ();
  ui_test_screenshots (GTK_WIDGET (window), "export-soql");

  path = run_export (window, "soql", TRUE);
  g_assert_cmpint (freight_export_get_operation (freight_export_window_get_export (window)), ==,
                   FREIGHT_BULK_OPERATION_QUERY_ALL);
  g_assert_true (g_file_get_contents (path, &got, NULL, NULL));

  /* Deleted records too: more than a query has. */
  records = ui_org_rest_records (&org, soql, TRUE);
  live = ui_org_rest_records (&org, soql, FALSE);
  g_assert_cmpuint (json_array_get_length (records), >, json_array_get_length (live));
  expected = ui_org_records_csv (records, fields);
  ui_org_assert_same_lines (got, expected);

  ui_test_close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *contacts = NULL;
  g_autoptr(FreightBulkJob) loaded = NULL;
  g_autoptr(FreightBulkJob) deleted = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(GString) ids = g_string_new ("Id\n");
  int status;

  ui_test_init (&argc, &argv);
  bulk_fixture_start (&org, NULL);

  /* Twelve contacts, two of them deleted (in the recycle bin: queryAll has them). */
  contacts = ui_org_contacts (12);
  loaded = bulk_fixture_load (&org, "Contact", FREIGHT_BULK_OPERATION_INSERT, NULL, contacts);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (loaded), ==, 0);
  records = ui_org_rest_records (&org, "SELECT Id FROM Contact ORDER BY LastName", FALSE);
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (ids, "%s\n", json_object_get_string_member (
                              json_array_get_object_element (records, i), "Id"));
  deleted = bulk_fixture_load (&org, "Contact", FREIGHT_BULK_OPERATION_DELETE, NULL, ids->str);
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (deleted), ==, 2);

  g_test_add_func ("/freight/ui/export/fields", test_fields);
  g_test_add_func ("/freight/ui/export/soql-query-all", test_soql_query_all);

  status = ui_test_run ();
  bulk_fixture_stop (&org);
  return status;
}
