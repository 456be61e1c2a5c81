/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connect"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-add-org-dialog.h"
#include "freight-connect-page.h"
#include "freight-org-indicator.h"
#include "sign-in-browser.h"
#include "sign-in-keys.h"
#include "wizard-fixture.h"

/* The Connect page from a clean profile, as a newcomer meets it: "Try with the local org"
 * starts freight-local-org as a child, signs in, and offers the samples; an org added
 * through the add-org dialog (the browser flow with PKCE, driven by a scripted browser,
 * against another local org) shows as a row with its kind; signing out removes it and its
 * keyring secrets. The cases run in order. */

static FreightWindow *window;
static LoHarness *org;

static FreightConnectPage *
get_page (void)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_CONNECT_PAGE,
                                         NULL, NULL);

  g_assert_nonnull (page);
  return FREIGHT_CONNECT_PAGE (page);
}

static FreightOrgStore *
get_store (void)
{
  return freight_application_get_org_store (ui_test_get_application ());
}

static const char *
visible_view (void)
{
  GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (get_page ()), GTK_TYPE_STACK, NULL,
                                          NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
page_idle (gpointer data)
{
  return !freight_connect_page_get_busy (get_page ());
}

static gboolean
at_object_step (gpointer data)
{
  return freight_window_get_step (window) == 1;
}

/* The header's org indicator, with the org it shows. */
static FreightOrg *
header_org (void)
{
  GtkWidget *indicator = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_ORG_INDICATOR,
                                              NULL, NULL);

  g_assert_nonnull (indicator);
  g_assert_true (gtk_widget_get_visible (indicator));
  return freight_org_indicator_get_org (FREIGHT_ORG_INDICATOR (indicator));
}

static void
go_back_to_connect (void)
{
  while (freight_window_get_step (window) > 0)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
      ui_test_settle ();
    }
}

static void
screenshots (GtkWidget  *widget,
             const char *name)
{
  g_autofree char *large = g_strdup_printf ("%s-1280x800", name);
  g_autofree char *small = g_strdup_printf ("%s-800x600", name);

  gtk_window_set_default_size (GTK_WINDOW (widget), 1280, 800);
  ui_test_settle ();
  g_free (ui_test_screenshot (widget, large));
  gtk_window_set_default_size (GTK_WINDOW (widget), 800, 600);
  ui_test_settle ();
  g_free (ui_test_screenshot (widget, small));
}

/* The row of the org saved as @alias, or NULL. */
static GtkWidget *
find_org_row (const char *alias)
{
  GtkWidget *list = ui_test_find_widget (GTK_WIDGET (get_page ()), GTK_TYPE_LIST_BOX,
                                         "name", "org-list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), alias) == 0)
      return row;
  return NULL;
}

static void
test_welcome (void)
{
  window = FREIGHT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
  g_assert_true (ui_test_wait_until (page_idle, NULL));
  go_back_to_connect ();

  /* A clean profile: no saved org, so the page welcomes and offers the local org. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_store ())), ==, 0);
  g_assert_cmpstr (visible_view (), ==, "welcome");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "label",
                                         _("_Try with the Local Org")));
  g_assert_false (gtk_widget_is_sensitive (wizard_fixture_find_button (GTK_WIDGET (window),
                                                                       "win.next")));
  screenshots (GTK_WIDGET (window), "connect-welcome");
}

static gboolean
samples_offered (gpointer data)
{
  return freight_connect_page_get_samples_toast (get_page ()) != NULL;
}

static void
test_local_org (void)
{
  FreightWizard *wizard = freight_window_get_wizard (window);
  AdwMessageDialog *dialog;
  FreightOrg *saved;
  g_autofree char *path = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "connect.local-org",
                                             NULL));
  g_assert_true (freight_connect_page_get_busy (get_page ()));
  g_assert_true (ui_test_wait_until (at_object_step, NULL));
  g_assert_true (ui_test_wait_until (samples_offered, NULL));

  /* Saved as an org like any other, and not production. */
  saved = freight_org_store_lookup (get_store (), FREIGHT_LOCAL_ORG_ALIAS);
  g_assert_nonnull (saved);
  g_assert_false (freight_org_get_is_production (saved));
  g_assert_cmpstr (freight_org_get_kind_label (saved), ==, _("Local"));
  g_assert_nonnull (freight_wizard_get_session (wizard));
  g_assert_nonnull (freight_wizard_get_org_name (wizard));
  g_assert_true (header_org () == saved);
  g_assert_cmpstr (freight_org_get_username (header_org ()), ==, "admin@freight.local");
  wizard_fixture_wait_objects (wizard);
  ui_test_settle ();
  g_free (ui_test_screenshot (GTK_WIDGET (window), "connect-local-org-samples-offered"));

  /* The toast's button asks which sample to load; Accounts sets up its upsert. */
  g_signal_emit_by_name (freight_connect_page_get_samples_toast (get_page ()),
                         "button-clicked");
  dialog = wizard_fixture_wait_for_dialog ();
  ui_test_settle ();
  g_free (ui_test_screenshot (GTK_WIDGET (dialog), "connect-samples-dialog"));
  wizard_fixture_respond (dialog, _("_Accounts"));

  g_assert_cmpstr (freight_wizard_get_object_name (wizard), ==, "Account");
  g_assert_cmpint (freight_wizard_get_operation (wizard), ==, FREIGHT_OPERATION_UPSERT);
  g_assert_nonnull (freight_wizard_get_file (wizard));
  path = g_file_get_path (freight_wizard_get_file (wizard));
  g_assert_true (g_str_has_suffix (path, "samples/accounts.csv"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  wizard_fixture_wait_object (wizard);
  g_assert_cmpstr (freight_wizard_get_external_id_field (wizard), ==, "External_Id__c");
  wizard_fixture_screenshots (GTK_WIDGET (window), "connect-local-org-sample-chosen");
}

static GtkWidget *
find_row (GtkWidget  *dialog,
          GType       type,
          const char *title)
{
  GtkWidget *row = ui_test_find_widget (dialog, type, "title", title);

  g_assert_nonnull (row);
  return row;
}

static void
set_entry (GtkWidget  *dialog,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog, ADW_TYPE_ENTRY_ROW, title)), text);
}

static gboolean
dialog_has_error (gpointer data)
{
  return freight_add_org_dialog_get_error (data) != NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !freight_add_org_dialog_get_busy (data);
}

static gboolean
dialog_waits_for_browser (gpointer data)
{
  return freight_add_org_dialog_get_authorize_url (data) != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  g_autoptr(GtkWidget) dialog = g_weak_ref_get (data);

  return dialog == NULL;
}

static void
save_fake_org (const char *alias,
               const char *name,
               const char *login_url,
               const char *instance_url,
               const char *org_id,
               gboolean    sandbox)
{
  g_autoptr(FreightOrg) fake = freight_org_new (alias);
  g_autoptr(FreightOrgSecrets) secrets = freight_org_secrets_new ();
  g_autoptr(GError) error = NULL;

  freight_org_set_org_name (fake, name);
  freight_org_set_login_url (fake, login_url);
  freight_org_set_instance_url (fake, instance_url);
  freight_org_set_org_id (fake, org_id);
  freight_org_set_username (fake, sandbox ? "admin@acme.example.uat" : "admin@acme.example");
  freight_org_set_is_sandbox (fake, sandbox);
  freight_org_set_auth_method (fake, FREIGHT_AUTH_METHOD_WEB);
  g_assert_true (freight_org_store_save (get_store (), fake, secrets, NULL, &error));
  g_assert_no_error (error);
}

static void
test_add_org (void)
{
  g_autoptr(SignInBrowserResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *row;
  SignInBrowser *browser;
  FreightOrg *saved;
  GWeakRef ref;

  window = FREIGHT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
  g_assert_true (ui_test_wait_until (page_idle, NULL));

  org = lo_harness_start_full (NULL, FALSE, &error);

  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "connect.add-org",
                                             NULL));
  dialog = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_ADD_ORG_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  freight_add_org_dialog_set_port (FREIGHT_ADD_ORG_DIALOG (dialog), 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (dialog, ADW_TYPE_COMBO_ROW,
                                                       _("_Where"))),
                              FREIGHT_ADD_ORG_MY_DOMAIN);
  set_entry (dialog, _("My Domain _URL"), lo_harness_get_url (org));
  set_entry (dialog, _("_Alias (optional)"), "harness");

  /* A wrong password: the org's answer shows under the form, and nothing is saved. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (dialog, ADW_TYPE_COMBO_ROW,
                                                       _("_Method"))),
                              FREIGHT_ADD_ORG_PASSWORD);
  set_entry (dialog, _("Consumer _Key"), LO_HARNESS_CONSUMER_KEY);
  set_entry (dialog, _("Consumer _Secret"), LO_HARNESS_CONSUMER_SECRET);
  set_entry (dialog, _("_Username"), LO_HARNESS_USERNAME);
  set_entry (dialog, _("_Password and Security Token"), "not-the-password");
  ui_test_settle ();
  g_free (ui_test_screenshot (dialog, "add-org-dialog-password"));
  g_assert_true (gtk_widget_activate_action (dialog, "add-org.sign-in", NULL));
  g_assert_true (ui_test_wait_until (dialog_has_error, dialog));
  g_assert_false (freight_add_org_dialog_get_busy (FREIGHT_ADD_ORG_DIALOG (dialog)));
  g_assert_null (freight_org_store_lookup (get_store (), "harness"));
  ui_test_settle ();
  g_free (ui_test_screenshot (dialog, "add-org-dialog-error"));

  /* The browser flow with PKCE: the dialog waits with Cancel while a (scripted) browser
   * signs in on the org's login page and comes back to the loopback listener. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (dialog, ADW_TYPE_COMBO_ROW,
                                                       _("_Method"))),
                              FREIGHT_ADD_ORG_WEB);
  set_entry (dialog, _("Consumer _Secret"), "");
  ui_test_settle ();
  g_free (ui_test_screenshot (dialog, "add-org-dialog-web"));
  g_assert_true (gtk_widget_activate_action (dialog, "add-org.sign-in", NULL));
  g_assert_true (ui_test_wait_until (dialog_waits_for_browser, dialog));
  g_assert_true (freight_add_org_dialog_get_busy (FREIGHT_ADD_ORG_DIALOG (dialog)));
  ui_test_settle ();
  g_free (ui_test_screenshot (dialog, "add-org-dialog-waiting"));

  /* Cancel while waiting: back to the form, nothing said, nothing saved; then again. */
  g_assert_true (gtk_widget_activate_action (dialog, "add-org.cancel", NULL));
  g_assert_true (ui_test_wait_until (dialog_idle, dialog));
  g_assert_null (freight_add_org_dialog_get_error (FREIGHT_ADD_ORG_DIALOG (dialog)));
  g_assert_null (freight_org_store_lookup (get_store (), "harness"));
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_widget_activate_action (dialog, "add-org.sign-in", NULL));
  g_assert_true (ui_test_wait_until (dialog_waits_for_browser, dialog));

  g_weak_ref_init (&ref, dialog);
  browser = sign_in_browser_open (freight_add_org_dialog_get_authorize_url (
                                    FREIGHT_ADD_ORG_DIALOG (dialog)),
                                  SIGN_IN_BROWSER_ALLOW, LO_HARNESS_USERNAME,
                                  LO_HARNESS_PASSWORD);
  g_assert_true (ui_test_wait_until (dialog_is_gone, &ref));
  g_weak_ref_clear (&ref);
  result = sign_in_browser_close (browser);
  g_assert_null (result->error);
  g_assert_true (result->posted_form);

  /* Signed in and saved: the wizard goes on in that org. */
  g_assert_true (ui_test_wait_until (at_object_step, NULL));
  saved = freight_org_store_lookup (get_store (), "harness");
  g_assert_nonnull (saved);
  g_assert_cmpint (freight_org_get_auth_method (saved), ==, FREIGHT_AUTH_METHOD_WEB);
  /* The header shows the org and who is signed in. */
  g_assert_true (header_org () == saved);

  go_back_to_connect ();
  g_assert_cmpstr (visible_view (), ==, "orgs");
  row = find_org_row ("harness");
  g_assert_nonnull (row);
  /* A loopback org is marked as local; only production would be red. */
  g_assert_nonnull (ui_test_find_widget (row, GTK_TYPE_LABEL, "label", _("Local")));
  g_assert_false (freight_org_get_is_production (saved));

  /* Beside a production org and a sandbox (saved without secrets, only to be shown). */
  save_fake_org ("acme", "Acme Corporation", "https://login.salesforce.com",
                 "https://acme.my.salesforce.com", "00D000000000001EAA", FALSE);
  save_fake_org ("acme-uat", "Acme UAT", "https://test.salesforce.com",
                 "https://acme--uat.sandbox.my.salesforce.com", "00D000000000002EAA", TRUE);
  ui_test_settle ();
  row = find_org_row ("acme");
  g_assert_nonnull (row);
  g_assert_nonnull (ui_test_find_widget (row, GTK_TYPE_LABEL, "label", _("Production")));
  g_assert_true (gtk_widget_has_css_class (ui_test_find_widget (row, GTK_TYPE_LABEL, "label",
                                                                 _("Production")),
                                           "production"));
  row = find_org_row ("acme-uat");
  g_assert_nonnull (ui_test_find_widget (row, GTK_TYPE_LABEL, "label", _("Sandbox")));
  screenshots (GTK_WIDGET (window), "connect-orgs");
  g_assert_true (freight_org_store_remove (get_store (), "acme", NULL, &error));
  g_assert_true (freight_org_store_remove (get_store (), "acme-uat", NULL, &error));
  g_assert_no_error (error);
}

static gboolean
org_removed (gpointer data)
{
  return freight_org_store_lookup (get_store (), data) == NULL;
}

static gboolean
row_activatable (gpointer alias)
{
  GtkWidget *row = find_org_row (alias);

  return row != NULL && !freight_connect_page_get_busy (get_page ());
}

/* The org revoked the saved sign-in: choosing the org asks to sign in again, and the
 * add-org dialog comes filled in for it. */
static void
test_sign_in_again (void)
{
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrgSecrets) again = NULL;
  g_autoptr(SignInBrowserResult) result = NULL;
  g_autoptr(LoResponse) revoked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *form = NULL;
  FreightOrg *saved = freight_org_store_lookup (get_store (), "harness");
  AdwMessageDialog *message;
  SignInBrowser *browser;
  GtkWidget *dialog;
  GWeakRef ref;

  g_assert_nonnull (saved);
  secrets = freight_org_store_lookup_secrets (get_store (), saved, NULL, &error);
  g_assert_no_error (error);
  form = g_strconcat ("token=", freight_org_secrets_get (secrets,
                                                          FREIGHT_ORG_SECRET_REFRESH_TOKEN),
                      NULL);
  revoked = lo_harness_post_form (org, "/services/oauth2/revoke", form);
  g_assert_cmpuint (revoked->status, ==, 200);

  go_back_to_connect ();
  g_assert_true (ui_test_wait_until (row_activatable, (gpointer) "harness"));
  g_signal_emit_by_name (find_org_row ("harness"), "activate");
  message = wizard_fixture_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, _("Sign In Again"));
  ui_test_settle ();
  g_free (ui_test_screenshot (GTK_WIDGET (message), "connect-sign-in-again"));
  g_assert_cmpuint (freight_window_get_step (window), ==, 0);
  wizard_fixture_respond (message, _("_Sign In…"));

  dialog = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_ADD_ORG_DIALOG));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
                      find_row (dialog, ADW_TYPE_COMBO_ROW, _("_Method")))), ==,
                    FREIGHT_ADD_ORG_WEB);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     find_row (dialog, ADW_TYPE_ENTRY_ROW, _("_Alias (optional)")))), ==,
                   "harness");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     find_row (dialog, ADW_TYPE_ENTRY_ROW, _("My Domain _URL")))), ==,
                   freight_org_get_login_url (saved));
  ui_test_settle ();
  g_free (ui_test_screenshot (dialog, "add-org-dialog-sign-in-again"));
  /* Signing in again, in the same process, re-saves the org's keyring items while the
   * tokens of the first sign-in may still be written back: the keyring takes it all. */
  freight_add_org_dialog_set_port (FREIGHT_ADD_ORG_DIALOG (dialog), 0);
  g_assert_true (gtk_widget_activate_action (dialog, "add-org.sign-in", NULL));
  g_assert_true (ui_test_wait_until (dialog_waits_for_browser, dialog));
  g_weak_ref_init (&ref, dialog);
  browser = sign_in_browser_open (freight_add_org_dialog_get_authorize_url (
                                    FREIGHT_ADD_ORG_DIALOG (dialog)),
                                  SIGN_IN_BROWSER_ALLOW, LO_HARNESS_USERNAME,
                                  LO_HARNESS_PASSWORD);
  g_assert_true (ui_test_wait_until (dialog_is_gone, &ref));
  g_weak_ref_clear (&ref);
  result = sign_in_browser_close (browser);
  g_assert_null (result->error);
  g_assert_true (ui_test_wait_until (at_object_step, NULL));

  /* A new refresh token in the keyring, read back from the same process. */
  saved = freight_org_store_lookup (get_store (), "harness");
  g_assert_nonnull (saved);
  again = freight_org_store_lookup_secrets (get_store (), saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (freight_org_secrets_get (again, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  g_assert_cmpstr (freight_org_secrets_get (again, FREIGHT_ORG_SECRET_REFRESH_TOKEN), !=,
                   freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  go_back_to_connect ();
}

static void
test_sign_out (void)
{
  g_autoptr(FreightOrgStore) fresh = NULL;
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrg) copy = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  FreightOrg *saved = freight_org_store_lookup (get_store (), "harness");

  g_assert_nonnull (saved);
  copy = freight_org_copy (saved);

  /* Its secrets are in the keyring before. */
  secrets = freight_org_store_lookup_secrets (get_store (), copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  g_clear_pointer (&secrets, freight_org_secrets_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "connect.sign-out",
                                             "s", "harness"));
  dialog = wizard_fixture_wait_for_dialog ();
  ui_test_settle ();
  g_free (ui_test_screenshot (GTK_WIDGET (dialog), "connect-sign-out-dialog"));
  wizard_fixture_respond (dialog, _("_Sign Out"));
  /* Its refresh token was revoked at the org already (sign-in-again above): the org
   * answers the revocation with invalid_token, which the core takes as done. */
  g_assert_true (ui_test_wait_until (org_removed, (gpointer) "harness"));
  ui_test_settle ();
  g_assert_null (find_org_row ("harness"));
  /* The wizard worked in that org: it lets go of it, and Next has nowhere to go. */
  g_assert_null (freight_wizard_get_session (freight_window_get_wizard (window)));
  g_assert_false (gtk_widget_is_sensitive (wizard_fixture_find_button (GTK_WIDGET (window),
                                                                       "win.next")));
  /* No org left: the page welcomes again. */
  g_assert_cmpstr (visible_view (), ==, "welcome");

  /* Gone from the saved orgs file and from the keyring. */
  fresh = freight_org_store_new (NULL);
  g_assert_true (freight_org_store_load (fresh, &error));
  g_assert_no_error (error);
  g_assert_null (freight_org_store_lookup (fresh, "harness"));
  secrets = freight_org_store_lookup_secrets (fresh, copy, NULL, &error);
  g_assert_no_error (error);
  for (guint kind = 0; kind < FREIGHT_ORG_N_SECRETS; kind++)
    g_assert_null (freight_org_secrets_get (secrets, kind));

  /* The welcome again (once the toast that says so has gone; toasts wait while the
   * window is not focused). */
  gtk_window_present (GTK_WINDOW (window));
  screenshots (GTK_WIDGET (window), "connect-after-sign-out");
  lo_harness_free (org);
}

/* Fills the dialog for @method against @url under @alias and signs in; returns the dialog's
 * error, or NULL once it closed signed in. */
static char *
add_org (const char          *url,
         const char          *alias,
         FreightAddOrgMethod  method,
         const char          *key_file,
         const char          *passphrase,
         const char          *screenshot)
{
  GtkWidget *dialog;
  GWeakRef ref;
  gboolean gone;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "connect.add-org",
                                             NULL));
  dialog = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_ADD_ORG_DIALOG));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (dialog, ADW_TYPE_COMBO_ROW,
                                                       _("_Where"))),
                              FREIGHT_ADD_ORG_MY_DOMAIN);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (dialog, ADW_TYPE_COMBO_ROW,
                                                       _("_Method"))), method);
  set_entry (dialog, _("My Domain _URL"), url);
  set_entry (dialog, _("_Alias (optional)"), alias);
  set_entry (dialog, _("Consumer _Key"), LO_HARNESS_CONSUMER_KEY);
  if (method == FREIGHT_ADD_ORG_CLIENT_CREDENTIALS)
    set_entry (dialog, _("Consumer _Secret"), LO_HARNESS_CONSUMER_SECRET);
  if (method == FREIGHT_ADD_ORG_JWT)
    {
      set_entry (dialog, _("_Username"), LO_HARNESS_USERNAME);
      freight_add_org_dialog_set_key_file (FREIGHT_ADD_ORG_DIALOG (dialog), key_file);
      set_entry (dialog, _("Key _Passphrase (if it has one)"), passphrase);
    }
  ui_test_settle ();
  g_free (ui_test_screenshot (dialog, screenshot));

  g_weak_ref_init (&ref, dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "add-org.sign-in", NULL));
  while (TRUE)
    {
      g_autoptr(GtkWidget) alive = NULL;

      ui_test_settle ();
      alive = g_weak_ref_get (&ref);
      gone = alive == NULL;
      if (gone || !freight_add_org_dialog_get_busy (FREIGHT_ADD_ORG_DIALOG (alive)))
        break;
    }
  g_weak_ref_clear (&ref);
  if (!gone)
    {
      char *error = g_strdup (freight_add_org_dialog_get_error (FREIGHT_ADD_ORG_DIALOG (dialog)));

      gtk_window_destroy (GTK_WINDOW (dialog));
      return error;
    }
  return NULL;
}

static void
sign_out (const char *alias)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "connect.sign-out",
                                             "s", alias));
  dialog = wizard_fixture_wait_for_dialog ();
  wizard_fixture_respond (dialog, _("_Sign Out"));
  g_assert_true (ui_test_wait_until (org_removed, (gpointer) alias));
}

/* The JWT bearer flow with a passphrase-protected key, then client credentials. */
static void
test_jwt_and_client_credentials (void)
{
  g_autofree char *dir = g_dir_make_tmp ("freight-ui-keys-XXXXXX", NULL);
  g_autoptr(SignInKeys) keys = sign_in_keys_new (dir);
  g_autofree char *cert_arg = g_strconcat ("--jwt-certificate=", keys->certificate, NULL);
  const char *args[] = { cert_arg, NULL };
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  LoHarness *jwt_org;
  FreightOrg *saved;

  jwt_org = lo_harness_start_full (args, FALSE, &error);
  g_assert_no_error (error);

  /* A wrong passphrase is said plainly, and nothing is saved. */
  problem = add_org (lo_harness_get_url (jwt_org), "jwt", FREIGHT_ADD_ORG_JWT,
                     keys->encrypted_key, "wrong", "add-org-dialog-jwt");
  g_assert_nonnull (problem);
  g_assert_null (freight_org_store_lookup (get_store (), "jwt"));
  g_clear_pointer (&problem, g_free);

  go_back_to_connect ();
  problem = add_org (lo_harness_get_url (jwt_org), "jwt", FREIGHT_ADD_ORG_JWT,
                     keys->encrypted_key, SIGN_IN_KEY_PASSPHRASE, "add-org-dialog-jwt");
  g_assert_null (problem);
  g_assert_true (ui_test_wait_until (at_object_step, NULL));
  saved = freight_org_store_lookup (get_store (), "jwt");
  g_assert_nonnull (saved);
  g_assert_cmpint (freight_org_get_auth_method (saved), ==, FREIGHT_AUTH_METHOD_JWT);
  g_assert_cmpstr (freight_org_get_key_file (saved), ==, keys->encrypted_key);
  secrets = freight_org_store_lookup_secrets (get_store (), saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_KEY_PASSPHRASE), ==,
                   SIGN_IN_KEY_PASSPHRASE);
  go_back_to_connect ();
  sign_out ("jwt");

  problem = add_org (lo_harness_get_url (jwt_org), "cc", FREIGHT_ADD_ORG_CLIENT_CREDENTIALS,
                     NULL, NULL, "add-org-dialog-client-credentials");
  g_assert_null (problem);
  g_assert_true (ui_test_wait_until (at_object_step, NULL));
  saved = freight_org_store_lookup (get_store (), "cc");
  g_assert_nonnull (saved);
  g_assert_cmpint (freight_org_get_auth_method (saved), ==,
                   FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS);
  go_back_to_connect ();
  sign_out ("cc");
  g_assert_cmpstr (visible_view (), ==, "welcome");

  lo_harness_free (jwt_org);
}

static void
dismiss_toasts (void)
{
  GType type = g_type_from_name ("AdwToastWidget");

  for (guint i = 0; type != 0 && i < 20; i++)
    {
      GtkWidget *toast = ui_test_find_widget (GTK_WIDGET (window), type, NULL, NULL);
      GtkWidget *close;
      GWeakRef ref;

      if (toast == NULL)
        return;
      close = ui_test_find_widget (toast, GTK_TYPE_BUTTON, "icon-name",
                                   "window-close-symbolic");
      g_assert_nonnull (close);
      g_weak_ref_init (&ref, toast);
      g_signal_emit_by_name (close, "clicked");
      g_assert_true (ui_test_wait_until (dialog_is_gone, &ref));
      g_weak_ref_clear (&ref);
    }
  g_assert_null (ui_test_find_widget (GTK_WIDGET (window), type, NULL, NULL));
}

static GtkWidget *
method_row (GtkWidget *dialog)
{
  return find_row (dialog, ADW_TYPE_COMBO_ROW, _("_Method"));
}

static gboolean
is_shown (GtkWidget  *dialog,
          const char *title)
{
  return gtk_widget_get_visible (find_row (dialog, ADW_TYPE_PREFERENCES_ROW, title));
}

/* Signs in from the open dialog and waits until it is back at the form or gone; returns
 * its error, or NULL once it closed signed in. */
static char *
sign_in_from (GtkWidget *dialog)
{
  g_autofree char *problem = NULL;
  GWeakRef ref;

  g_weak_ref_init (&ref, dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "add-org.sign-in", NULL));
  while (TRUE)
    {
      g_autoptr(GtkWidget) alive = NULL;

      ui_test_settle ();
      alive = g_weak_ref_get (&ref);
      if (alive == NULL)
        break;
      if (!freight_add_org_dialog_get_busy (FREIGHT_ADD_ORG_DIALOG (alive)))
        {
          problem = g_strdup (freight_add_org_dialog_get_error (FREIGHT_ADD_ORG_DIALOG (alive)));
          g_assert_nonnull (problem);
          break;
        }
    }
  g_weak_ref_clear (&ref);
  return g_steal_pointer (&problem);
}

/* A pasted access token with its instance URL (as `sf org display` shows it): no
 * connected app; a wrong token is refused in the org's words and nothing is saved; a good
 * one saves the org with the token in the keyring. When the org revokes the token,
 * choosing the org asks to sign in again, with the dialog filled in for a new token, and
 * a fresh token saves the org again. */
static void
test_access_token (void)
{
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  g_autoptr(FreightOrgSecrets) again = NULL;
  g_autoptr(LoResponse) revoked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *form = NULL;
  AdwMessageDialog *message;
  LoHarness *token_org;
  GtkWidget *dialog;
  FreightOrg *saved;

  token_org = lo_harness_start_full (NULL, FALSE, &error);
  g_assert_no_error (error);
  token = lo_harness_password_login (token_org, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "connect.add-org",
                                             NULL));
  dialog = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_ADD_ORG_DIALOG));

  /* Production stays chosen: a token still asks for the instance it belongs to, and needs
   * no connected app nor user. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (method_row (dialog)),
                              FREIGHT_ADD_ORG_ACCESS_TOKEN);
  g_assert_true (is_shown (dialog, _("_Instance URL")));
  g_assert_true (is_shown (dialog, _("Access _Token")));
  g_assert_false (is_shown (dialog, _("Consumer _Key")));
  g_assert_false (is_shown (dialog, _("Consumer _Secret")));
  g_assert_false (is_shown (dialog, _("_Username")));
  g_assert_nonnull (ui_test_find_widget (dialog, GTK_TYPE_LABEL, "label",
                                         _("Paste an access token (a session id), such as "
                                           "“sf org display” shows, and the instance URL it "
                                           "belongs to. A pasted token cannot be renewed: "
                                           "when it expires, Freight asks you to sign in to "
                                           "the org again.")));

  /* The form filled in, then a wrong token: the org's 401 in plain words under the form,
   * nothing saved. */
  set_entry (dialog, _("_Instance URL"), lo_harness_get_url (token_org));
  set_entry (dialog, _("_Alias (optional)"), "token");
  set_entry (dialog, _("Access _Token"), "00Dnot!valid");
  ui_test_screenshots (dialog, "add-org-dialog-token");
  problem = sign_in_from (dialog);
  g_test_message ("wrong token: %s", problem);
  g_assert_nonnull (strstr (problem, lo_harness_get_url (token_org)));
  g_assert_nonnull (strstr (problem, "expired or been revoked"));
  g_assert_null (freight_org_store_lookup (get_store (), "token"));
  ui_test_settle ();
  g_free (ui_test_screenshot (dialog, "add-org-dialog-token-error"));
  g_clear_pointer (&problem, g_free);

  /* Without the token or the instance URL the dialog says what is missing. */
  set_entry (dialog, _("Access _Token"), "");
  problem = sign_in_from (dialog);
  g_assert_cmpstr (problem, ==, _("Paste the access token."));
  g_clear_pointer (&problem, g_free);
  set_entry (dialog, _("_Instance URL"), "");
  problem = sign_in_from (dialog);
  g_assert_nonnull (strstr (problem, "instance URL"));
  g_clear_pointer (&problem, g_free);

  set_entry (dialog, _("_Instance URL"), lo_harness_get_url (token_org));
  set_entry (dialog, _("Access _Token"), token);
  problem = sign_in_from (dialog);
  g_assert_null (problem);

  /* Saved and shown; its keyring holds the token it was given, and no other secret. */
  g_assert_true (ui_test_wait_until (at_object_step, NULL));
  saved = freight_org_store_lookup (get_store (), "token");
  g_assert_nonnull (saved);
  g_assert_cmpint (freight_org_get_auth_method (saved), ==, FREIGHT_AUTH_METHOD_ACCESS_TOKEN);
  g_assert_cmpstr (freight_org_get_username (saved), ==, LO_HARNESS_USERNAME);
  g_assert_null (freight_org_get_client_id (saved));
  g_assert_true (header_org () == saved);
  secrets = freight_org_store_lookup_secrets (get_store (), saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN), ==,
                   token);
  g_assert_null (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  g_assert_null (freight_org_secrets_get (secrets, FREIGHT_ORG_SECRET_PASSWORD));
  go_back_to_connect ();
  g_assert_nonnull (find_org_row ("token"));

  /* The token is revoked: choosing the org asks to sign in again, with a new token. */
  form = g_strconcat ("token=", token, NULL);
  revoked = lo_harness_post_form (token_org, "/services/oauth2/revoke", form);
  g_assert_cmpuint (revoked->status, ==, 200);
  g_assert_true (ui_test_wait_until (row_activatable, (gpointer) "token"));
  g_signal_emit_by_name (find_org_row ("token"), "activate");
  message = wizard_fixture_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, _("Sign In Again"));
  wizard_fixture_respond (message, _("_Sign In…"));
  dialog = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_ADD_ORG_DIALOG));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (method_row (dialog))), ==,
                    FREIGHT_ADD_ORG_ACCESS_TOKEN);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     find_row (dialog, ADW_TYPE_ENTRY_ROW, _("_Instance URL")))), ==,
                   freight_org_get_instance_url (saved));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     find_row (dialog, ADW_TYPE_ENTRY_ROW, _("_Alias (optional)")))), ==,
                   "token");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     find_row (dialog, ADW_TYPE_ENTRY_ROW, _("Access _Token")))), ==, "");
  ui_test_settle ();
  g_free (ui_test_screenshot (dialog, "add-org-dialog-token-sign-in-again"));
  /* A fresh token, pasted: the org is saved again with it. */
  fresh = lo_harness_password_login (token_org, &error);
  g_assert_no_error (error);
  set_entry (dialog, _("Access _Token"), fresh);
  problem = sign_in_from (dialog);
  g_assert_null (problem);
  g_assert_true (ui_test_wait_until (at_object_step, NULL));
  saved = freight_org_store_lookup (get_store (), "token");
  g_assert_nonnull (saved);
  g_assert_true (header_org () == saved);
  again = freight_org_store_lookup_secrets (get_store (), saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (freight_org_secrets_get (again, FREIGHT_ORG_SECRET_ACCESS_TOKEN), ==,
                   fresh);
  g_assert_cmpstr (fresh, !=, token);

  go_back_to_connect ();
  sign_out ("token");
  g_assert_cmpstr (visible_view (), ==, "welcome");
  /* The sign-outs so far queued a toast each, shown one after the other only while the
   * window has the focus; close them as their × does, for the next test's screenshots. */
  dismiss_toasts ();
  lo_harness_free (token_org);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_application_activate (G_APPLICATION (ui_test_get_application ()));

  /* The org added first is the same account as the local org (org id and user), which
   * the keyring keys secrets by; so it is signed out before the local org is saved. */
  g_test_add_func ("/connect/welcome", test_welcome);
  g_test_add_func ("/connect/add-org", test_add_org);
  g_test_add_func ("/connect/sign-in-again", test_sign_in_again);
  g_test_add_func ("/connect/sign-out", test_sign_out);
  g_test_add_func ("/connect/jwt-and-client-credentials", test_jwt_and_client_credentials);
  g_test_add_func ("/connect/access-token", test_access_token);
  g_test_add_func ("/connect/local-org", test_local_org);

  return ui_test_run ();
}
