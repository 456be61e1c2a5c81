/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-local-org-option"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-connect-page.h"
#include "wizard-fixture.h"

/* `freight --local-org` (README's run command): the window starts straight into the local
 * org, run as a child process, with the samples offered; the child ends when stopped, as
 * the application does at shutdown. */

static FreightWindow *window;

static gboolean
at_object_step (gpointer data)
{
  return freight_window_get_step (window) == 1;
}

static gboolean
samples_offered (gpointer data)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_CONNECT_PAGE,
                                         NULL, NULL);

  return freight_connect_page_get_samples_toast (FREIGHT_CONNECT_PAGE (page)) != NULL;
}

static gboolean
org_answers (const char *url)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                g_uri_get_port (uri), NULL, NULL);
  return connection != NULL;
}

static gboolean
org_gone (gpointer url)
{
  return !org_answers (url);
}

static void
test_local_org_option (void)
{
  FreightApplication *app = ui_test_get_application ();
  FreightLocalOrgChild *child = freight_application_get_local_org_child (app);
  g_autofree char *url = NULL;

  window = FREIGHT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
  g_assert_true (ui_test_wait_until (at_object_step, NULL));
  g_assert_true (ui_test_wait_until (samples_offered, NULL));
  /* Only once: a window opened later starts on the Connect page. */
  g_assert_false (freight_application_get_local_org (app));
  g_assert_nonnull (freight_org_store_lookup (freight_application_get_org_store (app),
                                              FREIGHT_LOCAL_ORG_ALIAS));
  wizard_fixture_wait_objects (freight_window_get_wizard (window));
  ui_test_settle ();
  g_free (ui_test_screenshot (GTK_WIDGET (window), "local-org-option"));

  url = g_strdup (freight_local_org_child_get_url (child));
  g_assert_nonnull (url);
  g_assert_true (org_answers (url));
  freight_local_org_child_stop (child);
  g_assert_null (freight_local_org_child_get_url (child));
  g_assert_true (ui_test_wait_until (org_gone, url));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  /* What `freight --local-org` sets from the command line. */
  freight_application_set_local_org (ui_test_get_application (), TRUE);
  g_application_activate (G_APPLICATION (ui_test_get_application ()));

  g_test_add_func ("/local-org-option/starts-into-the-local-org", test_local_org_option);

  return ui_test_run ();
}
