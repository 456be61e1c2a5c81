/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-connect-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-add-org-dialog.h"
#include "freight-application.h"
#include "freight-connect-page.h"
#include "freight-local-org-child.h"
#include "freight-window.h"

/*
 * FreightConnectPage: the wizard's first step. The saved orgs as rows (name, user,
 * instance and what kind of org it is, production in red); choosing one opens its session
 * through the org store, which renews its token as needed, and the wizard goes on in that
 * org. Each row's menu signs out (revokes and forgets, after asking). "Add Org…" opens the
 * add-org dialog; "Try with the Local Org" starts freight-local-org as a child process,
 * signs in to it, and offers the bundled sample files.
 */

struct _FreightConnectPage
{
  FreightWizardPage     parent_instance;

  FreightOrgStore      *store;
  FreightLocalOrgChild *local_org;
  GCancellable         *cancellable;
  AdwToast             *samples_toast;
  FreightOrg           *connecting_org;
  guint                 loaded : 1;
  guint                 busy : 1;

  /* Template widgets */
  GtkStack             *stack;
  GtkListBox           *org_list;
  AdwStatusPage        *connecting_page;
  GtkWidget            *try_group;
};

G_DEFINE_FINAL_TYPE (FreightConnectPage, freight_connect_page, FREIGHT_TYPE_WIZARD_PAGE)

/* The bundled samples, what they load into and how (data/samples/README.md). */
static const struct {
  const char       *response;
  const char       *label;
  const char       *file;
  const char       *object;
  FreightOperation  operation;
  const char       *external_id;
} samples[] = {
  { "accounts", N_("_Accounts"), "accounts.csv", "Account", FREIGHT_OPERATION_UPSERT,
    "External_Id__c" },
  { "contacts", N_("_Contacts"), "contacts.csv", "Contact", FREIGHT_OPERATION_INSERT, NULL },
  { "invoices", N_("_Invoices"), "invoices.csv", "Invoice__c", FREIGHT_OPERATION_UPSERT,
    "External_Id__c" },
  { "tasks", N_("_Tasks"), "tasks.csv", "Task", FREIGHT_OPERATION_INSERT, NULL },
};

/**
 * freight_org_get_kind_label:
 * @org: a saved org
 *
 * Returns: what kind of org @org is, for its tag: “Production”, “Sandbox” or “Local”
 */
const char *
freight_org_get_kind_label (FreightOrg *org)
{
  const char *login_url;

  g_return_val_if_fail (FREIGHT_IS_ORG (org), NULL);

  if (freight_org_get_is_production (org))
    return _("Production");
  login_url = freight_org_get_login_url (org);
  if (freight_local_org_is_local (org)
      || freight_login_url_is_loopback (login_url)
      || freight_login_url_is_loopback (freight_org_get_instance_url (org)))
    return _("Local");
  return _("Sandbox");
}

/**
 * freight_org_dup_title:
 * @org: a saved org
 *
 * Returns: (transfer full): the org's name for the window: its name at Salesforce, else
 *   “Local Org” for the local org, else its alias
 */
char *
freight_org_dup_title (FreightOrg *org)
{
  g_return_val_if_fail (FREIGHT_IS_ORG (org), NULL);

  if (freight_org_get_org_name (org) == NULL && freight_local_org_is_local (org))
    return g_strdup (_("Local Org"));
  return freight_org_dup_display_name (org);
}

/**
 * freight_org_tag_new:
 * @org: a saved org
 *
 * Returns: (transfer floating): a small tag that says what kind of org @org is; a
 *   production org's is red, so nobody loads into production by mistake
 */
GtkWidget *
freight_org_tag_new (FreightOrg *org)
{
  GtkWidget *tag;

  g_return_val_if_fail (FREIGHT_IS_ORG (org), NULL);

  tag = gtk_label_new (freight_org_get_kind_label (org));
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "freight-tag");
  if (freight_org_get_is_production (org))
    gtk_widget_add_css_class (tag, "production");
  else if (g_strcmp0 (freight_org_get_kind_label (org), _("Local")) == 0)
    gtk_widget_add_css_class (tag, "local");
  else
    gtk_widget_add_css_class (tag, "sandbox");
  return tag;
}

/* “user@example.com · acme.my.salesforce.com” */
static char *
describe_org (FreightOrg *org)
{
  const char *user = freight_org_get_username (org);
  const char *url = freight_org_get_instance_url (org);
  g_autofree char *host = NULL;

  if (url == NULL)
    url = freight_org_get_login_url (org);
  if (url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        host = g_uri_get_port (uri) > 0
               ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
               : g_strdup (g_uri_get_host (uri));
    }

  if (user != NULL && host != NULL)
    /* Translators: the saved org's username and instance host. */
    return g_strdup_printf (_("%s · %s"), user, host);
  return g_strdup (user != NULL ? user : host != NULL ? host : "");
}

static GtkWidget *
create_org_row (gpointer item,
                gpointer user_data)
{
  FreightOrg *org = item;
  g_autofree char *name = freight_org_dup_title (org);
  g_autofree char *subtitle = describe_org (org);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) sign_out = NULL;
  g_autofree char *menu_label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, freight_org_get_alias (org));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), freight_org_tag_new (org));

  sign_out = g_menu_item_new (_("Sign _Out…"), NULL);
  g_menu_item_set_action_and_target_value (sign_out, "connect.sign-out",
                                           g_variant_new_string (freight_org_get_alias (org)));
  g_menu_append_item (menu, sign_out);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: the tooltip of a saved org's menu button; %s is the org's name. */
  menu_label = g_strdup_printf (_("Menu of %s"), name);
  gtk_widget_set_tooltip_text (button, menu_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
freight_connect_page_update_view (FreightConnectPage *self)
{
  const char *page;

  if (self->busy)
    page = "connecting";
  else if (!self->loaded)
    page = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    page = "welcome";
  else
    page = "orgs";
  gtk_stack_set_visible_child_name (self->stack, page);

  if (self->store != NULL)
    gtk_widget_set_visible (self->try_group,
                            freight_org_store_lookup (self->store,
                                                      FREIGHT_LOCAL_ORG_ALIAS) == NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.add-org",
                                 self->loaded && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.local-org",
                                 self->loaded && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.sign-out",
                                 self->loaded && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.cancel", self->busy);
}

static void
freight_connect_page_set_busy (FreightConnectPage *self,
                               const char         *title)
{
  self->busy = title != NULL;
  if (title != NULL)
    {
      adw_status_page_set_title (self->connecting_page, title);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  freight_connect_page_update_view (self);
}

static void
show_error (FreightConnectPage *self,
            const char         *heading,
            const GError       *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Samples -------------------------------------------------------------------------------- */

typedef struct
{
  FreightWizard *wizard;
  char          *external_id;
} SampleKey;

static void
sample_key_free (gpointer data,
                 GClosure *closure)
{
  SampleKey *key = data;

  g_free (key->external_id);
  g_free (key);
}

/* An upsert's key can be chosen only once the object's describe is there. */
static void
sample_object_cb (FreightWizard *wizard,
                  GParamSpec    *pspec,
                  SampleKey     *key)
{
  if (freight_wizard_get_object (wizard) == NULL)
    return;
  freight_wizard_set_external_id_field (wizard, key->external_id);
  g_signal_handlers_disconnect_by_func (wizard, sample_object_cb, key);
}

static void
samples_response_cb (FreightConnectPage *self,
                     const char         *response,
                     AdwMessageDialog   *dialog)
{
  FreightWizard *wizard = freight_wizard_page_get_wizard (FREIGHT_WIZARD_PAGE (self));
  g_autofree char *dir = freight_local_org_find_samples ();

  if (wizard == NULL || dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;

      if (g_strcmp0 (response, samples[i].response) != 0)
        continue;

      path = g_build_filename (dir, samples[i].file, NULL);
      file = g_file_new_for_path (path);
      freight_wizard_set_operation (wizard, samples[i].operation);
      freight_wizard_set_object_name (wizard, samples[i].object);
      if (samples[i].external_id != NULL)
        {
          SampleKey *key = g_new0 (SampleKey, 1);

          key->wizard = wizard;
          key->external_id = g_strdup (samples[i].external_id);
          g_signal_connect_data (wizard, "notify::object", G_CALLBACK (sample_object_cb),
                                 key, sample_key_free, 0);
          sample_object_cb (wizard, NULL, key);
        }
      freight_wizard_set_file (wizard, file);
      /* Translators: %s is a sample file's name. */
      {
        g_autofree char *title = g_strdup_printf (_("%s is chosen: press Next to see it"),
                                                  samples[i].file);

        freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), title);
      }
    }
}

static void
samples_toast_cb (FreightConnectPage *self,
                  AdwToast           *toast)
{
  adw_toast_dismiss (toast);
  g_clear_object (&self->samples_toast);
  freight_connect_page_offer_samples (self);
}

static void
samples_toast_dismissed_cb (FreightConnectPage *self,
                            AdwToast           *toast)
{
  if (self->samples_toast == toast)
    g_clear_object (&self->samples_toast);
}

/**
 * freight_connect_page_offer_samples:
 *
 * Asks which bundled sample file to load into the local org, and sets up the wizard for
 * it (object, operation, key and file).
 */
void
freight_connect_page_offer_samples (FreightConnectPage *self)
{
  GtkWidget *dialog;

  g_return_if_fail (FREIGHT_IS_CONNECT_PAGE (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Try a Sample File"),
                                   _("Freight comes with sample CSV files for the local "
                                     "org. Load the accounts first: the other files refer "
                                     "to them. Some rows fail on purpose, to show how "
                                     "failed rows are fixed and sent again."));
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), samples[i].response,
                                     _(samples[i].label));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Not Now"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accounts",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accounts");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (samples_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A toast that stays until used or dismissed: the samples are there to try. */
static void
freight_connect_page_add_samples_toast (FreightConnectPage *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *dir = freight_local_org_find_samples ();
  AdwToast *toast;

  if (overlay == NULL || dir == NULL)
    return;

  toast = adw_toast_new (_("Sample CSV files are ready to load into the local org"));
  adw_toast_set_button_label (toast, _("_Use a Sample…"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (samples_toast_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (samples_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_object (&self->samples_toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Connecting ----------------------------------------------------------------------------- */

static void
freight_connect_page_connected (FreightConnectPage *self,
                                FreightOrgSession  *session,
                                gboolean            local)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  freight_connect_page_set_busy (self, NULL);
  if (!FREIGHT_IS_WINDOW (root))
    return;

  freight_window_start_wizard (FREIGHT_WINDOW (root), session);
  freight_wizard_page_set_complete (FREIGHT_WIZARD_PAGE (self), TRUE);
  if (local)
    freight_connect_page_add_samples_toast (self);
}

static void
local_org_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FreightConnectPage) self = user_data;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = freight_local_org_child_sign_in_finish (FREIGHT_LOCAL_ORG_CHILD (source), result,
                                                    &error);
  if (session == NULL)
    {
      freight_connect_page_set_busy (self, NULL);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The Local Org Did Not Start"), error);
      return;
    }
  freight_connect_page_connected (self, session, TRUE);
}

/**
 * freight_connect_page_try_local_org:
 *
 * Starts the local org (unless it runs), signs in to it, saves it, and goes on to the
 * object step with the sample files offered: “Try with the Local Org” and
 * `freight --local-org`.
 */
void
freight_connect_page_try_local_org (FreightConnectPage *self)
{
  g_return_if_fail (FREIGHT_IS_CONNECT_PAGE (self));

  if (self->busy || self->local_org == NULL)
    return;

  freight_connect_page_set_busy (self, _("Starting the Local Org…"));
  freight_local_org_child_sign_in_async (self->local_org, self->store, self->cancellable,
                                         local_org_done_cb, g_object_ref (self));
}

/* The org's sign-in no longer works (expired, revoked, secrets gone): sign in again. */
static gboolean
needs_sign_in (const GError *error)
{
  return g_error_matches (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NO_SECRET)
         || g_error_matches (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED)
         || g_error_matches (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_GRANT)
         || g_error_matches (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_KEY_PASSPHRASE);
}

static void signed_in_cb (FreightConnectPage  *self,
                          FreightOrgSession   *session,
                          gboolean             local,
                          FreightAddOrgDialog *dialog);

static void
sign_in_again_cb (FreightConnectPage *self,
                  const char         *response,
                  AdwMessageDialog   *message)
{
  FreightOrg *org = g_object_get_data (G_OBJECT (message), "freight-org");
  FreightAddOrgDialog *dialog;

  if (g_strcmp0 (response, "sign-in") != 0 || org == NULL)
    return;

  dialog = freight_add_org_dialog_new (self->store, self->local_org);
  freight_add_org_dialog_set_org (dialog, org);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_to_sign_in_again (FreightConnectPage *self,
                      const GError       *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Sign In Again"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "sign-in", _("_Sign In…"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-in",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  if (self->connecting_org != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "freight-org",
                            g_object_ref (self->connecting_org), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_in_again_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_session_failed (FreightConnectPage *self,
                     const GError       *error)
{
  freight_connect_page_set_busy (self, NULL);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (needs_sign_in (error))
    ask_to_sign_in_again (self, error);
  else
    show_error (self, _("Cannot Connect to the Org"), error);
}

/* The session answered an authenticated request (renewing its token if it had to). */
static void
session_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FreightConnectPage) self = user_data;
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(GError) error = NULL;

  limits = freight_org_session_get_limits_finish (FREIGHT_ORG_SESSION (source), result,
                                                  &error);
  if (limits == NULL)
    {
      open_session_failed (self, error);
      return;
    }
  freight_connect_page_connected (self, FREIGHT_ORG_SESSION (source), FALSE);
}

static void
open_session_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FreightConnectPage) self = user_data;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = freight_org_store_open_session_finish (FREIGHT_ORG_STORE (source), result,
                                                   &error);
  if (session == NULL)
    {
      open_session_failed (self, error);
      return;
    }

  /* Opening a session reads the API version, which needs no sign-in; one authenticated
   * request tells whether the saved sign-in still works before the wizard goes on. */
  freight_org_session_get_limits_async (session, self->cancellable, session_checked_cb,
                                        g_object_ref (self));
}

static void
org_activated_cb (FreightConnectPage *self,
                  GtkListBoxRow      *row)
{
  g_autoptr(FreightOrg) org = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->busy)
    return;

  org = g_list_model_get_item (G_LIST_MODEL (self->store), gtk_list_box_row_get_index (row));
  if (org == NULL)
    return;

  if (freight_local_org_is_local (org))
    {
      freight_connect_page_try_local_org (self);
      return;
    }

  name = freight_org_dup_title (org);
  /* Translators: %s is the org's name. */
  title = g_strdup_printf (_("Connecting to %s…"), name);
  freight_connect_page_set_busy (self, title);
  g_set_object (&self->connecting_org, org);
  freight_org_store_open_session_async (self->store, org, self->cancellable,
                                        open_session_done_cb, g_object_ref (self));
}

static void
signed_in_cb (FreightConnectPage *self,
              FreightOrgSession  *session,
              gboolean            local,
              FreightAddOrgDialog *dialog)
{
  freight_connect_page_connected (self, session, local);
}

/* Actions -------------------------------------------------------------------------------- */

static void
add_org_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  FreightConnectPage *self = FREIGHT_CONNECT_PAGE (widget);
  FreightAddOrgDialog *dialog;

  dialog = freight_add_org_dialog_new (self->store, self->local_org);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
local_org_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  freight_connect_page_try_local_org (FREIGHT_CONNECT_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  FreightConnectPage *self = FREIGHT_CONNECT_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
}

typedef struct
{
  FreightConnectPage *self;
  char               *alias;
  char               *name;
  FreightOrg         *org;
} SignOut;

static void
sign_out_free (SignOut *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->org);
  g_free (data->alias);
  g_free (data->name);
  g_free (data);
}

static void sign_out_run (SignOut             *data,
                          FreightSignOutFlags  flags);

static void
force_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SignOut          *data)
{
  if (g_strcmp0 (response, "forget") == 0)
    sign_out_run (data, FREIGHT_SIGN_OUT_FORCE);
  else
    sign_out_free (data);
}

static void
sign_out_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SignOut *data = user_data;
  FreightConnectPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (freight_org_store_sign_out_finish (FREIGHT_ORG_STORE (source), result, &error))
    {
      FreightWizard *wizard = freight_wizard_page_get_wizard (FREIGHT_WIZARD_PAGE (self));
      FreightOrgSession *session = wizard != NULL ? freight_wizard_get_session (wizard) : NULL;
      g_autofree char *title = NULL;

      /* Signed out of the org the wizard works in: the wizard lets go of it too. */
      if (session != NULL)
        {
          g_autofree char *org_id = freight_org_session_dup_org_id (session);
          g_autofree char *instance_url = freight_org_session_dup_instance_url (session);

          if (g_strcmp0 (org_id, freight_org_get_org_id (data->org)) == 0
              && g_strcmp0 (instance_url, freight_org_get_instance_url (data->org)) == 0)
            {
              freight_wizard_set_session (wizard, NULL);
              freight_wizard_page_set_complete (FREIGHT_WIZARD_PAGE (self), FALSE);
            }
        }

      /* Translators: %s is the org's name. */
      title = g_strdup_printf (_("Signed out of %s"), data->name);
      freight_wizard_page_add_toast (FREIGHT_WIZARD_PAGE (self), title);
      sign_out_free (data);
      return;
    }

  /* The org could not revoke (often: it cannot be reached); the user may forget it anyway. */
  /* Translators: the error, then what forgetting means. */
  body = g_strdup_printf (_("%s\n\nFreight can forget the org and its secrets on this "
                            "computer anyway; its tokens then stay valid at the org until "
                            "they expire or an admin revokes them."), error->message);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("The Org Could Not Revoke the Sign-In"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep the Org"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "forget", _("_Forget Anyway"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (force_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_out_run (SignOut             *data,
              FreightSignOutFlags  flags)
{
  freight_org_store_sign_out_async (data->self->store, data->alias, flags, NULL,
                                    sign_out_done_cb, data);
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SignOut          *data)
{
  if (g_strcmp0 (response, "sign-out") == 0)
    sign_out_run (data, FREIGHT_SIGN_OUT_NONE);
  else
    sign_out_free (data);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  FreightConnectPage *self = FREIGHT_CONNECT_PAGE (widget);
  const char *alias = g_variant_get_string (param, NULL);
  FreightOrg *org = freight_org_store_lookup (self->store, alias);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  SignOut *data;

  if (org == NULL)
    return;

  data = g_new0 (SignOut, 1);
  data->self = g_object_ref (self);
  data->alias = g_strdup (alias);
  data->name = freight_org_dup_title (org);
  data->org = freight_org_copy (org);

  /* Translators: %s is the org's name. */
  heading = g_strdup_printf (_("Sign Out of %s?"), data->name);
  /* Translators: %s is the username. */
  body = g_strdup_printf (_("Freight asks the org to revoke its sign-in as %s, then forgets "
                            "the org and removes its secrets from the keyring. To use it "
                            "again, add it again."),
                          freight_org_get_username (org));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "sign-out", _("_Sign Out"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (sign_out_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Loading -------------------------------------------------------------------------------- */

static void
store_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FreightConnectPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  if (!freight_org_store_load_finish (FREIGHT_ORG_STORE (source), result, &error))
    {
      g_warning ("Cannot read the saved orgs: %s", error->message);
      show_error (self, _("Cannot Read the Saved Orgs"), error);
    }

  self->loaded = TRUE;
  freight_connect_page_update_view (self);

  /* `freight --local-org`: straight into the local org, once. */
  if (FREIGHT_IS_APPLICATION (app)
      && freight_application_get_local_org (FREIGHT_APPLICATION (app)))
    {
      freight_application_set_local_org (FREIGHT_APPLICATION (app), FALSE);
      freight_connect_page_try_local_org (self);
    }
}

static void
freight_connect_page_map (GtkWidget *widget)
{
  FreightConnectPage *self = FREIGHT_CONNECT_PAGE (widget);
  GApplication *app = g_application_get_default ();

  GTK_WIDGET_CLASS (freight_connect_page_parent_class)->map (widget);

  if (self->store != NULL || !FREIGHT_IS_APPLICATION (app))
    return;

  self->store = g_object_ref (freight_application_get_org_store (FREIGHT_APPLICATION (app)));
  self->local_org = g_object_ref (freight_application_get_local_org_child (
                                    FREIGHT_APPLICATION (app)));
  gtk_list_box_bind_model (self->org_list, G_LIST_MODEL (self->store), create_org_row,
                           NULL, NULL);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (freight_connect_page_update_view), self,
                           G_CONNECT_SWAPPED);
  freight_org_store_load_async (self->store, NULL, store_loaded_cb, g_object_ref (self));
}

static void
freight_connect_page_wizard_changed (FreightWizardPage *page,
                                     FreightWizard     *wizard)
{
  freight_wizard_page_set_complete (page, wizard != NULL &&
                                    freight_wizard_get_session (wizard) != NULL);
}

static void
freight_connect_page_dispose (GObject *object)
{
  FreightConnectPage *self = FREIGHT_CONNECT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* The stack is the bin's child and a template child at once: the bin lets go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_CONNECT_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->samples_toast);
  g_clear_object (&self->connecting_org);
  g_clear_object (&self->store);
  g_clear_object (&self->local_org);

  G_OBJECT_CLASS (freight_connect_page_parent_class)->dispose (object);
}

static void
freight_connect_page_class_init (FreightConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FreightWizardPageClass *page_class = FREIGHT_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = freight_connect_page_dispose;
  widget_class->map = freight_connect_page_map;
  page_class->wizard_changed = freight_connect_page_wizard_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightConnectPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FreightConnectPage, org_list);
  gtk_widget_class_bind_template_child (widget_class, FreightConnectPage, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, FreightConnectPage, try_group);
  gtk_widget_class_bind_template_callback (widget_class, org_activated_cb);

  gtk_widget_class_install_action (widget_class, "connect.add-org", NULL, add_org_action);
  gtk_widget_class_install_action (widget_class, "connect.local-org", NULL, local_org_action);
  gtk_widget_class_install_action (widget_class, "connect.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "connect.sign-out", "s", sign_out_action);
}

static void
freight_connect_page_init (FreightConnectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  freight_connect_page_update_view (self);
}

GtkWidget *
freight_connect_page_new (void)
{
  return g_object_new (FREIGHT_TYPE_CONNECT_PAGE, NULL);
}

/**
 * freight_connect_page_get_busy:
 *
 * Returns: whether the page is connecting to an org
 */
gboolean
freight_connect_page_get_busy (FreightConnectPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_CONNECT_PAGE (self), FALSE);

  return self->busy || !self->loaded;
}

/**
 * freight_connect_page_get_samples_toast:
 *
 * Returns: (transfer none) (nullable): the toast that offers the sample files, while shown
 */
AdwToast *
freight_connect_page_get_samples_toast (FreightConnectPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_CONNECT_PAGE (self), NULL);

  return self->samples_toast;
}
