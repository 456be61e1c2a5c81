/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-add-org-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-add-org-dialog.h"

/*
 * FreightAddOrgDialog: signs in to an org and saves it. Where (production, sandbox, a My
 * Domain URL, or the local org) and how (the browser with OAuth and PKCE through the
 * loopback listener, JWT with a key file, client credentials, username and password, a
 * pasted access token with its instance URL, or an org the Salesforce CLI has) are chosen
 * in a form; everything runs through
 * FreightSignIn, whose states the dialog shows while it waits, with Cancel. The browser is
 * opened with gtk_show_uri_full(), which goes through the portal in a sandbox. Problems are
 * shown under the form, in the core's words. On success it emits
 * FreightAddOrgDialog::signed-in with the connected session, and closes.
 */

struct _FreightAddOrgDialog
{
  AdwWindow             parent_instance;

  FreightOrgStore      *store;
  FreightLocalOrgChild *local_org;
  FreightSignIn        *sign_in;
  GCancellable         *cancellable;
  char                 *key_file;
  char                 *error;
  guint                 port;

  /* Template widgets */
  GtkStack             *stack;
  AdwComboRow          *where_row;
  AdwEntryRow          *url_row;
  AdwEntryRow          *alias_row;
  GtkWidget            *method_group;
  AdwComboRow          *method_row;
  AdwEntryRow          *client_id_row;
  AdwEntryRow          *client_secret_row;
  AdwEntryRow          *username_row;
  AdwEntryRow          *password_row;
  AdwActionRow         *key_file_row;
  AdwEntryRow          *passphrase_row;
  AdwEntryRow          *token_row;
  AdwEntryRow          *sf_org_row;
  GtkLabel             *hint_label;
  GtkWidget            *error_group;
  GtkLabel             *error_label;
  AdwStatusPage        *waiting_page;
  GtkWidget            *browser_box;
};

G_DEFINE_FINAL_TYPE (FreightAddOrgDialog, freight_add_org_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static FreightAddOrgWhere
get_where (FreightAddOrgDialog *self)
{
  return adw_combo_row_get_selected (self->where_row);
}

static FreightAddOrgMethod
get_method (FreightAddOrgDialog *self)
{
  return adw_combo_row_get_selected (self->method_row);
}

/* The text of an entry row, or NULL when empty. */
static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_error (FreightAddOrgDialog *self,
           const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_group, message != NULL);
}

static void
set_busy (FreightAddOrgDialog *self,
          gboolean             busy)
{
  gtk_stack_set_visible_child_name (self->stack, busy ? "waiting" : "form");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-org.sign-in", !busy);
  if (!busy)
    g_clear_object (&self->sign_in);
}

/* Only the rows the chosen place and method need are shown, with a word on what to fill. */
static void
form_changed_cb (FreightAddOrgDialog *self)
{
  FreightAddOrgWhere where = get_where (self);
  FreightAddOrgMethod method = get_method (self);
  gboolean local = where == FREIGHT_ADD_ORG_LOCAL;
  gboolean sf = method == FREIGHT_ADD_ORG_SF_CLI;
  gboolean token = method == FREIGHT_ADD_ORG_ACCESS_TOKEN;
  const char *hint = NULL;

  /* A pasted token belongs to an instance, not to a login host: the row asks for it
   * whatever the place. */
  gtk_widget_set_visible (GTK_WIDGET (self->url_row),
                          !local && (where == FREIGHT_ADD_ORG_MY_DOMAIN || token));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row),
                                 token ? _("_Instance URL") : _("My Domain _URL"));
  gtk_widget_set_visible (GTK_WIDGET (self->alias_row), !local);
  gtk_widget_set_visible (self->method_group, !local);
  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), !sf && !token);
  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row),
                          method == FREIGHT_ADD_ORG_WEB
                          || method == FREIGHT_ADD_ORG_CLIENT_CREDENTIALS
                          || method == FREIGHT_ADD_ORG_PASSWORD);
  gtk_widget_set_visible (GTK_WIDGET (self->username_row),
                          method == FREIGHT_ADD_ORG_JWT || method == FREIGHT_ADD_ORG_PASSWORD
                          || method == FREIGHT_ADD_ORG_WEB);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), method == FREIGHT_ADD_ORG_PASSWORD);
  gtk_widget_set_visible (GTK_WIDGET (self->key_file_row), method == FREIGHT_ADD_ORG_JWT);
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_row), method == FREIGHT_ADD_ORG_JWT);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), token);
  gtk_widget_set_visible (GTK_WIDGET (self->sf_org_row), sf);

  if (local)
    hint = _("Freight starts a stand-in for Salesforce on this computer and signs in to it "
             "as its demo user. Nothing leaves this computer.");
  else
    switch (method)
      {
      case FREIGHT_ADD_ORG_WEB:
        hint = _("Your browser opens the org’s login page. The connected app needs the "
                 "callback URL http://localhost:1717/OauthRedirect; its consumer secret is "
                 "only needed if the app requires one. The username is filled in for you "
                 "there.");
        break;
      case FREIGHT_ADD_ORG_JWT:
        hint = _("Your private key signs the sign-in; the connected app holds its "
                 "certificate and the user must be pre-authorized for it.");
        break;
      case FREIGHT_ADD_ORG_CLIENT_CREDENTIALS:
        hint = _("The connected app signs in as its Run As user. It needs the org’s My "
                 "Domain URL.");
        break;
      case FREIGHT_ADD_ORG_PASSWORD:
        hint = _("Append the security token to the password unless the network is "
                 "trusted by the org.");
        break;
      case FREIGHT_ADD_ORG_ACCESS_TOKEN:
        hint = _("Paste an access token (a session id), such as “sf org display” shows, and "
                 "the instance URL it belongs to. A pasted token cannot be renewed: when it "
                 "expires, Freight asks you to sign in to the org again.");
        break;
      case FREIGHT_ADD_ORG_SF_CLI:
      default:
        hint = _("Imports an org the Salesforce CLI (sf) is signed in to, without signing "
                 "in again.");
        break;
      }
  gtk_label_set_text (self->hint_label, hint);
  set_error (self, NULL);
}

/* The browser ------------------------------------------------------------------------- */

static void
show_uri_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FreightAddOrgDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      /* No browser: the address can still be copied into one. */
      g_debug ("Cannot open the browser: %s", error->message);
      adw_status_page_set_description (self->waiting_page,
                                       _("No browser could be opened. Copy the address and "
                                         "open it in a browser on this computer."));
    }
}

static void
open_browser (FreightAddOrgDialog *self)
{
  const char *url = freight_add_org_dialog_get_authorize_url (self);

  if (url != NULL)
    gtk_show_uri_full (GTK_WINDOW (self), url, GDK_CURRENT_TIME, self->cancellable,
                       show_uri_done_cb, g_object_ref (self));
}

static void
state_cb (FreightAddOrgDialog *self,
          GParamSpec          *pspec,
          FreightSignIn       *sign_in)
{
  const char *title = NULL;
  const char *description = NULL;
  gboolean browser = FALSE;

  switch (freight_sign_in_get_state (sign_in))
    {
    case FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER:
      title = _("Waiting for the Browser");
      description = _("Sign in to the org in the browser window that opened, and allow "
                      "Freight access. Then come back here.");
      browser = TRUE;
      break;
    case FREIGHT_SIGN_IN_STATE_REQUESTING_TOKEN:
      if (freight_sign_in_get_method (sign_in) == FREIGHT_AUTH_METHOD_ACCESS_TOKEN)
        title = _("Checking the Access Token…");
      else
        title = _("Asking the Org for a Token…");
      break;
    case FREIGHT_SIGN_IN_STATE_CONNECTING:
      title = _("Checking the Sign-In…");
      description = _("API version, user and org");
      break;
    case FREIGHT_SIGN_IN_STATE_SAVING:
      title = _("Saving the Org…");
      description = _("Its secrets go to the keyring.");
      break;
    case FREIGHT_SIGN_IN_STATE_IDLE:
    case FREIGHT_SIGN_IN_STATE_DONE:
    case FREIGHT_SIGN_IN_STATE_FAILED:
    default:
      return;
    }

  adw_status_page_set_title (self->waiting_page, title);
  adw_status_page_set_description (self->waiting_page, description);
  gtk_widget_set_visible (self->browser_box, browser);
  if (browser)
    open_browser (self);
}

/* Signing in --------------------------------------------------------------------------- */

static void
finish (FreightAddOrgDialog *self,
        FreightOrgSession   *session,
        GError              *error,
        gboolean             local)
{
  if (session == NULL)
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, session, local);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sign_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FreightAddOrgDialog) self = user_data;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = freight_sign_in_run_finish (FREIGHT_SIGN_IN (source), result, &error);
  finish (self, session, error, FALSE);
}

static void
local_org_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FreightAddOrgDialog) self = user_data;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = freight_local_org_child_sign_in_finish (FREIGHT_LOCAL_ORG_CHILD (source), result,
                                                    &error);
  finish (self, session, error, TRUE);
}

static void
run_sign_in (FreightAddOrgDialog *self)
{
  g_autofree char *alias = dup_text (self->alias_row);
  g_autoptr(GError) error = NULL;

  if (alias != NULL)
    freight_sign_in_set_alias (self->sign_in, alias);
  if (!freight_sign_in_validate (self->sign_in, &error))
    {
      set_busy (self, FALSE);
      set_error (self, error->message);
      return;
    }

  g_signal_connect_object (self->sign_in, "notify::state", G_CALLBACK (state_cb), self,
                           G_CONNECT_SWAPPED);
  freight_sign_in_run_async (self->sign_in, self->store, self->cancellable,
                             sign_in_done_cb, g_object_ref (self));
}

static void
sf_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FreightAddOrgDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->sign_in = freight_sf_cli_import_finish (FREIGHT_SF_CLI (source), result, &error);
  if (self->sign_in == NULL)
    {
      finish (self, NULL, error, FALSE);
      return;
    }
  run_sign_in (self);
}

static const char *
login_url_for (FreightAddOrgDialog *self,
               char               **owned)
{
  switch (get_where (self))
    {
    case FREIGHT_ADD_ORG_SANDBOX:
      return "sandbox";
    case FREIGHT_ADD_ORG_MY_DOMAIN:
      *owned = dup_text (self->url_row);
      if (*owned == NULL)
        return "";
      return *owned;
    case FREIGHT_ADD_ORG_PRODUCTION:
    case FREIGHT_ADD_ORG_LOCAL:
    default:
      return NULL;
    }
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  FreightAddOrgDialog *self = FREIGHT_ADD_ORG_DIALOG (widget);
  static const FreightAuthMethod methods[] = {
    [FREIGHT_ADD_ORG_WEB] = FREIGHT_AUTH_METHOD_WEB,
    [FREIGHT_ADD_ORG_JWT] = FREIGHT_AUTH_METHOD_JWT,
    [FREIGHT_ADD_ORG_CLIENT_CREDENTIALS] = FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS,
    [FREIGHT_ADD_ORG_PASSWORD] = FREIGHT_AUTH_METHOD_PASSWORD,
    [FREIGHT_ADD_ORG_ACCESS_TOKEN] = FREIGHT_AUTH_METHOD_ACCESS_TOKEN,
  };
  FreightAddOrgMethod method = get_method (self);
  g_autofree char *url_owned = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *passphrase = NULL;
  const char *login_url;

  set_error (self, NULL);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  adw_status_page_set_title (self->waiting_page, _("Signing In…"));
  adw_status_page_set_description (self->waiting_page, NULL);
  gtk_widget_set_visible (self->browser_box, FALSE);

  if (get_where (self) == FREIGHT_ADD_ORG_LOCAL)
    {
      adw_status_page_set_title (self->waiting_page, _("Starting the Local Org…"));
      set_busy (self, TRUE);
      freight_local_org_child_sign_in_async (self->local_org, self->store, self->cancellable,
                                             local_org_done_cb, g_object_ref (self));
      return;
    }

  if (method == FREIGHT_ADD_ORG_SF_CLI)
    {
      g_autofree char *name = dup_text (self->sf_org_row);
      g_autoptr(FreightSfCli) sf = NULL;

      if (name == NULL)
        {
          set_error (self, _("Enter the alias or username of the Salesforce CLI’s org."));
          return;
        }
      sf = freight_sf_cli_new (NULL);
      set_busy (self, TRUE);
      adw_status_page_set_title (self->waiting_page, _("Asking the Salesforce CLI…"));
      freight_sf_cli_import_async (sf, name, self->cancellable, sf_import_done_cb,
                                   g_object_ref (self));
      return;
    }

  if (method == FREIGHT_ADD_ORG_ACCESS_TOKEN)
    {
      g_autofree char *instance_url = dup_text (self->url_row);
      g_autofree char *token = dup_text (self->token_row);

      self->sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_ACCESS_TOKEN);
      freight_sign_in_set_instance_url (self->sign_in, instance_url);
      if (token != NULL)
        {
          freight_sign_in_set_secret (self->sign_in, FREIGHT_ORG_SECRET_ACCESS_TOKEN, token);
          memset (token, 0, strlen (token));
        }
      set_busy (self, TRUE);
      run_sign_in (self);
      return;
    }

  login_url = login_url_for (self, &url_owned);
  client_id = dup_text (self->client_id_row);
  client_secret = dup_text (self->client_secret_row);
  username = dup_text (self->username_row);
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));

  self->sign_in = freight_sign_in_new (methods[method]);
  freight_sign_in_set_login_url (self->sign_in, login_url);
  freight_sign_in_set_client_id (self->sign_in, client_id);
  if (client_secret != NULL)
    freight_sign_in_set_secret (self->sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                                client_secret);
  freight_sign_in_set_username (self->sign_in, username);
  if (method == FREIGHT_ADD_ORG_PASSWORD && *password != '\0')
    freight_sign_in_set_secret (self->sign_in, FREIGHT_ORG_SECRET_PASSWORD, password);
  if (method == FREIGHT_ADD_ORG_JWT)
    {
      freight_sign_in_set_key_file (self->sign_in, self->key_file);
      if (*passphrase != '\0')
        freight_sign_in_set_secret (self->sign_in, FREIGHT_ORG_SECRET_KEY_PASSPHRASE,
                                    passphrase);
    }
  freight_sign_in_set_port (self->sign_in, self->port);

  set_busy (self, TRUE);
  run_sign_in (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  FreightAddOrgDialog *self = FREIGHT_ADD_ORG_DIALOG (widget);

  /* While signing in, Cancel stops that and goes back to the form; else it closes. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "waiting") == 0)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
open_browser_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  open_browser (FREIGHT_ADD_ORG_DIALOG (widget));
}

static void
copy_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  FreightAddOrgDialog *self = FREIGHT_ADD_ORG_DIALOG (widget);
  const char *url = freight_add_org_dialog_get_authorize_url (self);

  if (url != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
}

static void
key_chosen_cb (FreightAddOrgDialog  *self,
               int                   response,
               GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      freight_add_org_dialog_set_key_file (self, path);
    }
  g_object_unref (native);
}

static void
choose_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FreightAddOrgDialog *self = FREIGHT_ADD_ORG_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose the Private Key"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                        _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PEM Private Keys"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.key");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (key_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* GObject ------------------------------------------------------------------------------- */

static gboolean
freight_add_org_dialog_close_request (GtkWindow *window)
{
  FreightAddOrgDialog *self = FREIGHT_ADD_ORG_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (freight_add_org_dialog_parent_class)->close_request (window);
}

static void
freight_add_org_dialog_dispose (GObject *object)
{
  FreightAddOrgDialog *self = FREIGHT_ADD_ORG_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_ADD_ORG_DIALOG);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->local_org);

  G_OBJECT_CLASS (freight_add_org_dialog_parent_class)->dispose (object);
}

static void
freight_add_org_dialog_finalize (GObject *object)
{
  FreightAddOrgDialog *self = FREIGHT_ADD_ORG_DIALOG (object);

  g_free (self->key_file);
  g_free (self->error);

  G_OBJECT_CLASS (freight_add_org_dialog_parent_class)->finalize (object);
}

static void
freight_add_org_dialog_class_init (FreightAddOrgDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = freight_add_org_dialog_dispose;
  object_class->finalize = freight_add_org_dialog_finalize;
  window_class->close_request = freight_add_org_dialog_close_request;

  /**
   * FreightAddOrgDialog::signed-in:
   * @session: the connected session
   * @local: whether it is the local org
   *
   * The org is signed in to and saved; the dialog closes.
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, FREIGHT_TYPE_ORG_SESSION,
                                     G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-add-org-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, where_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, alias_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, method_group);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, key_file_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, sf_org_row);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, waiting_page);
  gtk_widget_class_bind_template_child (widget_class, FreightAddOrgDialog, browser_box);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);

  gtk_widget_class_install_action (widget_class, "add-org.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "add-org.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "add-org.open-browser", NULL,
                                   open_browser_action);
  gtk_widget_class_install_action (widget_class, "add-org.copy-address", NULL,
                                   copy_address_action);
  gtk_widget_class_install_action (widget_class, "add-org.choose-key", NULL,
                                   choose_key_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "add-org.cancel",
                                       NULL);
}

static void
freight_add_org_dialog_init (FreightAddOrgDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->port = FREIGHT_WEB_SIGN_IN_DEFAULT_PORT;
  freight_add_org_dialog_set_key_file (self, NULL);
  form_changed_cb (self);
}

/**
 * freight_add_org_dialog_new:
 * @store: where to save the org
 * @local_org: the app's local org, for “The Local Org on This Computer”
 *
 * Returns: (transfer floating): the dialog; set it transient for the window
 */
FreightAddOrgDialog *
freight_add_org_dialog_new (FreightOrgStore      *store,
                            FreightLocalOrgChild *local_org)
{
  FreightAddOrgDialog *self;

  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (store), NULL);
  g_return_val_if_fail (FREIGHT_IS_LOCAL_ORG_CHILD (local_org), NULL);

  self = g_object_new (FREIGHT_TYPE_ADD_ORG_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->local_org = g_object_ref (local_org);
  return self;
}

/**
 * freight_add_org_dialog_get_authorize_url:
 *
 * Returns: (nullable): the address the browser is to open, while the dialog waits for it
 */
const char *
freight_add_org_dialog_get_authorize_url (FreightAddOrgDialog *self)
{
  g_return_val_if_fail (FREIGHT_IS_ADD_ORG_DIALOG (self), NULL);

  if (self->sign_in == NULL
      || freight_sign_in_get_state (self->sign_in) != FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER)
    return NULL;
  return freight_sign_in_get_authorize_url (self->sign_in);
}

/**
 * freight_add_org_dialog_get_error:
 *
 * Returns: (nullable): the problem shown under the form
 */
const char *
freight_add_org_dialog_get_error (FreightAddOrgDialog *self)
{
  g_return_val_if_fail (FREIGHT_IS_ADD_ORG_DIALOG (self), NULL);

  return self->error;
}

/**
 * freight_add_org_dialog_get_busy:
 *
 * Returns: whether a sign-in runs
 */
gboolean
freight_add_org_dialog_get_busy (FreightAddOrgDialog *self)
{
  g_return_val_if_fail (FREIGHT_IS_ADD_ORG_DIALOG (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "waiting") == 0;
}

/**
 * freight_add_org_dialog_set_key_file:
 * @path: (nullable): the PEM private key for the JWT sign-in
 */
void
freight_add_org_dialog_set_key_file (FreightAddOrgDialog *self,
                                     const char          *path)
{
  g_return_if_fail (FREIGHT_IS_ADD_ORG_DIALOG (self));

  g_free (self->key_file);
  self->key_file = g_strdup (path);
  adw_action_row_set_subtitle (self->key_file_row,
                               path != NULL ? path : _("None chosen"));
}

/**
 * freight_add_org_dialog_set_port:
 * @port: the loopback port of the browser sign-in's callback URL (0: any free port)
 *
 * The connected app's callback URL names the port; the default is the one the form's
 * hint names (1717).
 */
void
freight_add_org_dialog_set_port (FreightAddOrgDialog *self,
                                 guint                port)
{
  g_return_if_fail (FREIGHT_IS_ADD_ORG_DIALOG (self));

  self->port = port;
}

/**
 * freight_add_org_dialog_set_org:
 * @org: a saved org whose sign-in no longer works
 *
 * Fills the form to sign in to @org again: the same place (the instance for a pasted
 * token), method, connected app, user, key file and alias. Secrets are asked for again.
 */
void
freight_add_org_dialog_set_org (FreightAddOrgDialog *self,
                                FreightOrg          *org)
{
  const char *login_url;
  FreightAddOrgMethod method;

  g_return_if_fail (FREIGHT_IS_ADD_ORG_DIALOG (self));
  g_return_if_fail (FREIGHT_IS_ORG (org));

  login_url = freight_org_get_login_url (org);
  /* A pasted token was for the instance: that is where a new one is to be pasted for. */
  if (freight_org_get_auth_method (org) == FREIGHT_AUTH_METHOD_ACCESS_TOKEN
      && freight_org_get_instance_url (org) != NULL)
    login_url = freight_org_get_instance_url (org);
  if (login_url == NULL || g_strcmp0 (login_url, FREIGHT_LOGIN_URL_PRODUCTION) == 0)
    adw_combo_row_set_selected (self->where_row, FREIGHT_ADD_ORG_PRODUCTION);
  else if (g_strcmp0 (login_url, FREIGHT_LOGIN_URL_SANDBOX) == 0)
    adw_combo_row_set_selected (self->where_row, FREIGHT_ADD_ORG_SANDBOX);
  else
    {
      adw_combo_row_set_selected (self->where_row, FREIGHT_ADD_ORG_MY_DOMAIN);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), login_url);
    }

  switch (freight_org_get_auth_method (org))
    {
    case FREIGHT_AUTH_METHOD_JWT:
      method = FREIGHT_ADD_ORG_JWT;
      break;
    case FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS:
      method = FREIGHT_ADD_ORG_CLIENT_CREDENTIALS;
      break;
    case FREIGHT_AUTH_METHOD_PASSWORD:
      method = FREIGHT_ADD_ORG_PASSWORD;
      break;
    case FREIGHT_AUTH_METHOD_ACCESS_TOKEN:
      method = FREIGHT_ADD_ORG_ACCESS_TOKEN;
      break;
    case FREIGHT_AUTH_METHOD_NONE:
    case FREIGHT_AUTH_METHOD_REFRESH_TOKEN:
    case FREIGHT_AUTH_METHOD_WEB:
    default:
      method = FREIGHT_ADD_ORG_WEB;
      break;
    }
  adw_combo_row_set_selected (self->method_row, method);

  gtk_editable_set_text (GTK_EDITABLE (self->alias_row), freight_org_get_alias (org));
  if (freight_org_get_client_id (org) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->client_id_row),
                           freight_org_get_client_id (org));
  if (freight_org_get_username (org) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->username_row), freight_org_get_username (org));
  freight_add_org_dialog_set_key_file (self, freight_org_get_key_file (org));
  gtk_window_set_title (GTK_WINDOW (self), _("Sign In Again"));
}
