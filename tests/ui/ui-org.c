/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ui-org"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <unistd.h>

#include "freight-ui-test.h"
#include "ui-org.h"

/**
 * ui_org_main_window:
 *
 * Returns: (transfer none): the main window, connected to @org's session
 */
FreightWindow *
ui_org_main_window (BulkFixture *org)
{
  FreightWindow *window;

  g_application_activate (G_APPLICATION (ui_test_get_application ()));
  window = FREIGHT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
  freight_window_set_session (window, org->session);
  return window;
}

/**
 * ui_org_start_job:
 *
 * Creates an insert job into @object, uploads @csv and closes it, without waiting.
 *
 * Returns: (transfer full): the job as created
 */
FreightBulkJob *
ui_org_start_job (BulkFixture *org,
                  const char  *object,
                  const char  *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) closed = NULL;
  g_autofree char *file = NULL;
  FreightBulkJob *job;

  job = freight_bulk_client_create_ingest_job (org->client, object,
                                               FREIGHT_BULK_OPERATION_INSERT, NULL, ',',
                                               FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL, &error);
  g_assert_no_error (error);
  file = bulk_fixture_write (org, "job.csv", csv);
  freight_bulk_client_upload_job_data (org->client, freight_bulk_job_get_id (job), file, NULL,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  closed = freight_bulk_client_close_job (org->client, freight_bulk_job_get_id (job), NULL,
                                          &error);
  g_assert_no_error (error);
  g_unlink (file);
  return job;
}

/* Contacts “First 001 Last 001 <first001@example.com>”…, as CSV with a header. */
char *
ui_org_contacts (guint n)
{
  GString *csv = g_string_new ("FirstName,LastName,Email\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "First %03u,Last %03u,first%03u@example.com\n", i, i, i);
  return g_string_free (csv, FALSE);
}

static guint
count_lines (const char *text,
             gsize       length)
{
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    n += text[i] == '\n';
  return n;
}

/**
 * ui_org_add_export_run:
 * @soql: the query
 * @object: (nullable): the object, as the export window records it
 * @path: the file
 * @page_size: rows per page
 * @interrupt_after_pages: 0 for a finished run; else the run is left as a process killed
 *   in the middle of the next page leaves it: this many pages recorded, half a page more
 *   in the file
 *
 * Runs an export through the core, in the journal the application uses.
 *
 * Returns: the run's id
 */
gint64
ui_org_add_export_run (BulkFixture *org,
                       const char  *soql,
                       const char  *object,
                       const char  *path,
                       guint64      page_size,
                       guint        interrupt_after_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = NULL;
  g_autoptr(FreightExport) export = NULL;
  g_autoptr(FreightJournalStep) step = NULL;
  g_autoptr(JsonObject) rewound = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *locator = NULL;
  g_autofree char *header = NULL;
  const char *api_version;
  gsize length;
  gsize bytes = 0;
  gint64 run_id;

  journal = freight_journal_open (NULL, &error);
  g_assert_no_error (error);
  export = freight_export_new (org->session);
  freight_export_set_journal (export, journal);
  freight_export_set_soql (export, soql);
  freight_export_set_object (export, object);
  freight_export_set_output_path (export, path);
  freight_export_set_page_size (export, page_size);
  freight_export_set_poll_interval (export, 10, 100);
  g_assert_true (freight_export_run (export, NULL, &error));
  g_assert_no_error (error);
  run_id = freight_export_get_run_id (export);
  if (interrupt_after_pages == 0)
    return run_id;

  /* The locator of the page after the last one recorded. */
  job_id = freight_export_dup_job_id (export);
  step = freight_journal_get_step (journal, run_id, "query-job", job_id, &error);
  g_assert_no_error (error);
  api_version = json_object_get_string_member (step->data, "api_version");
  scratch = g_strconcat (path, ".scratch", NULL);
  for (guint i = 0; i < interrupt_after_pages; i++)
    {
      g_autofree char *next = NULL;

      g_assert_true (freight_bulk_client_download_page (org->client, job_id, api_version,
                                                        locator, page_size, scratch, &next,
                                                        NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (next);
      g_free (locator);
      locator = g_steal_pointer (&next);
    }
  g_unlink (scratch);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  for (guint lines = 0; bytes < length && lines < 1 + interrupt_after_pages * page_size; bytes++)
    if (contents[bytes] == '\n')
      lines++;
  header = g_strndup (contents, strchr (contents, '\n') + 1 - contents);
  g_assert_cmpuint (count_lines (contents, bytes), ==, 1 + interrupt_after_pages * page_size);

  rewound = json_object_new ();
  json_object_set_string_member (rewound, "job_id", job_id);
  json_object_set_string_member (rewound, "api_version", api_version);
  json_object_set_string_member (rewound, "locator", locator);
  json_object_set_int_member (rewound, "bytes", (gint64) bytes);
  json_object_set_int_member (rewound, "rows", (gint64) (interrupt_after_pages * page_size));
  json_object_set_int_member (rewound, "rows_total",
                              freight_export_get_rows_total (export));
  json_object_set_int_member (rewound, "pages", interrupt_after_pages);
  json_object_set_string_member (rewound, "header", header);
  freight_journal_put_step (journal, run_id, "query-job", job_id, "downloading", rewound,
                            &error);
  g_assert_no_error (error);
  freight_journal_set_run_state (journal, run_id, FREIGHT_JOURNAL_STATE_RUNNING, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (truncate (path, (off_t) (bytes + (length - bytes) / 2)), ==, 0);

  return run_id;
}

/**
 * ui_org_rest_records:
 *
 * Returns: (transfer full): the records of @soql, through the org's REST query endpoint
 *   (not the Bulk API that exports use)
 */
JsonArray *
ui_org_rest_records (BulkFixture *org,
                     const char  *soql,
                     gboolean     all)
{
  g_autofree char *escaped = g_uri_escape_string (soql, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/services/data/v%s/%s?q=%s",
                                           FREIGHT_DEFAULT_API_VERSION,
                                           all ? "queryAll" : "query", escaped);
  g_autoptr(LoResponse) response = lo_harness_get (org->org, path);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  lo_assert_status (response, 200);
  json = lo_response_get_json (response);
  object = json_node_get_object (json);
  g_assert_true (json_object_get_boolean_member (object, "done"));
  return json_array_ref (json_object_get_array_member (object, "records"));
}

/**
 * ui_org_records_csv:
 * @fields: the fields, in the file's order
 *
 * Returns: (transfer full): @records as a Bulk query writes them: a header, every value
 *   quoted, LF line endings
 */
char *
ui_org_records_csv (JsonArray          *records,
                    const char * const *fields)
{
  GString *csv = g_string_new (NULL);

  for (guint f = 0; fields[f] != NULL; f++)
    g_string_append_printf (csv, "%s\"%s\"", f > 0 ? "," : "", fields[f]);
  g_string_append_c (csv, '\n');
  for (guint r = 0; r < json_array_get_length (records); r++)
    {
      JsonObject *record = json_array_get_object_element (records, r);

      for (guint f = 0; fields[f] != NULL; f++)
        {
          JsonNode *value = json_object_get_member (record, fields[f]);
          g_autofree char *text = NULL;

          if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
            text = json_node_get_value_type (value) == G_TYPE_BOOLEAN
                   ? g_strdup (json_node_get_boolean (value) ? "true" : "false")
                   : g_strdup (json_node_get_string (value));
          g_string_append_printf (csv, "%s\"%s\"", f > 0 ? "," : "", text != NULL ? text : "");
        }
      g_string_append_c (csv, '\n');
    }
  return g_string_free (csv, FALSE);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* Asserts the same header and the same rows in any order. */
void
ui_org_assert_same_lines (const char *got,
                          const char *expected)
{
  g_auto(GStrv) got_lines = g_strsplit (got, "\n", -1);
  g_auto(GStrv) expected_lines = g_strsplit (expected, "\n", -1);
  guint n = g_strv_length (got_lines);

  g_assert_cmpuint (n, ==, g_strv_length (expected_lines));
  g_assert_cmpstr (got_lines[0], ==, expected_lines[0]);
  qsort (got_lines + 1, n - 1, sizeof (char *), compare_lines);
  qsort (expected_lines + 1, n - 1, sizeof (char *), compare_lines);
  for (guint i = 1; i < n; i++)
    g_assert_cmpstr (got_lines[i], ==, expected_lines[i]);
}

static gboolean
message_dialog_shown (gpointer data)
{
  GtkWidget **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (window))
        {
          *dialog = window;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * ui_org_wait_for_message_dialog:
 *
 * Returns: (transfer none): the message dialog on screen
 */
GtkWidget *
ui_org_wait_for_message_dialog (void)
{
  GtkWidget *dialog = NULL;

  g_assert_true (ui_test_wait_until (message_dialog_shown, &dialog));
  ui_test_settle ();
  return dialog;
}

/* Clicks the response button labelled @label, as the user would. */
void
ui_org_respond (GtkWidget  *dialog,
                const char *label)
{
  GtkWidget *button = ui_test_find_widget (dialog, GTK_TYPE_BUTTON, "label", label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_test_settle ();
}
