/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freight-cli-private.h"

/* freight-cli login web|jwt|client-credentials|sf: the sign-ins that run through
 * FreightSignIn, as the window does, and save the org (facts to the config folder,
 * secrets to the keyring). The browser flow opens the system browser with xdg-open when
 * there is one and always prints the address, so it works over SSH too. Secrets come
 * from standard input, the environment or a prompt, never from the command line. */

typedef struct
{
  FreightCli *cli;
  gboolean    open_browser;
  guint       timeout;
} Watch;

static gboolean
open_in_browser (const char *url)
{
  g_autofree char *xdg_open = g_find_program_in_path ("xdg-open");
  const char *argv[] = { NULL, url, NULL };

  if (xdg_open == NULL)
    return FALSE;
  argv[0] = xdg_open;
  return g_spawn_async (NULL, (char **) argv, NULL,
                        G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL);
}

static void
state_changed (FreightSignIn *sign_in,
               GParamSpec    *pspec,
               Watch         *watch)
{
  FreightCli *cli = watch->cli;

  switch (freight_sign_in_get_state (sign_in))
    {
    case FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER:
      {
        const char *url = freight_sign_in_get_authorize_url (sign_in);
        gboolean opened = watch->open_browser && open_in_browser (url);

        /* The address is printed even with --quiet: without it nobody can sign in. */
        if (opened)
          fprintf (stderr, "%s\n  %s\n",
                   _("Sign in to the org in the browser window that opened. If none did, "
                     "open this address:"), url);
        else
          fprintf (stderr, "%s\n  %s\n",
                   _("Open this address in a browser and sign in to the org:"), url);
        fflush (stderr);
        freight_cli_info (cli, _("Waiting for the browser at %s (up to %u seconds; Ctrl+C "
                                 "cancels)…"),
                          freight_sign_in_get_redirect_uri (sign_in), watch->timeout);
      }
      break;

    case FREIGHT_SIGN_IN_STATE_REQUESTING_TOKEN:
      freight_cli_info (cli, "%s", _("Asking the org for a token…"));
      break;

    case FREIGHT_SIGN_IN_STATE_CONNECTING:
      freight_cli_info (cli, "%s", _("Checking the sign-in: API version, user and org…"));
      break;

    case FREIGHT_SIGN_IN_STATE_SAVING:
      freight_cli_info (cli, "%s", _("Saving the org; its secrets go to the keyring…"));
      break;

    case FREIGHT_SIGN_IN_STATE_IDLE:
    case FREIGHT_SIGN_IN_STATE_DONE:
    case FREIGHT_SIGN_IN_STATE_FAILED:
    default:
      break;
    }
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs @sign_in, saves the org, reports it. */
static int
run_sign_in (FreightCli                  *cli,
             FreightSignIn               *sign_in,
             const FreightCliSaveOptions *save,
             gboolean                     open_browser)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  Watch watch = { cli, open_browser, freight_sign_in_get_timeout (sign_in) };
  FreightOrgStore *store;
  FreightOrg *org;
  gulong handler;

  store = freight_cli_get_store (cli, &error);
  if (store == NULL)
    return freight_cli_fail (cli, error);

  if (save->alias != NULL)
    freight_sign_in_set_alias (sign_in, save->alias);
  if (cli->ca_file != NULL)
    freight_sign_in_set_ca_file (sign_in, cli->ca_file);
  if (!freight_sign_in_validate (sign_in, &error))
    return freight_cli_fail (cli, error);

  handler = g_signal_connect (sign_in, "notify::state", G_CALLBACK (state_changed), &watch);
  freight_sign_in_run_async (sign_in, store, cli->cancellable, store_result, &result);
  freight_cli_wait (cli, &result);
  g_signal_handler_disconnect (sign_in, handler);

  session = freight_sign_in_run_finish (sign_in, result, &error);
  if (session == NULL)
    return freight_cli_fail (cli, error);

  org = freight_org_store_lookup (store, freight_org_get_alias (freight_sign_in_get_org (
                                                                  sign_in)));
  g_assert (org != NULL);
  if (save->set_default
      && !freight_org_store_set_default (store, freight_org_get_alias (org), cli->cancellable,
                                         &error))
    return freight_cli_fail (cli, error);

  return freight_cli_report_org (cli, org);
}

/* --login-url or --sandbox, checked. */
static gboolean
login_url_option (FreightCli     *cli,
                  const char     *command,
                  FreightSignIn  *sign_in,
                  const char     *login_url,
                  gboolean        sandbox,
                  int            *status)
{
  if (sandbox && login_url != NULL)
    {
      *status = freight_cli_usage (cli, command, _("Give either --sandbox or --login-url."));
      return FALSE;
    }
  freight_sign_in_set_login_url (sign_in, sandbox ? "sandbox" : login_url);
  return TRUE;
}

static gboolean
client_id_option (FreightCli    *cli,
                  const char    *command,
                  FreightSignIn *sign_in,
                  const char    *client_id,
                  int           *status)
{
  if (client_id == NULL && OAUTH_CLIENT_ID[0] == '\0')
    {
      *status = freight_cli_usage (cli, command,
                                   _("Give the consumer key of your connected app with "
                                     "--client-id."));
      return FALSE;
    }
  freight_sign_in_set_client_id (sign_in, client_id);
  return TRUE;
}

static void
set_secret (FreightSignIn        *sign_in,
            FreightOrgSecretKind  kind,
            char                 *value)
{
  freight_sign_in_set_secret (sign_in, kind, value);
  if (value != NULL)
    memset (value, 0, strlen (value));
}

/* web ------------------------------------------------------------------------------------ */

int
freight_cli_login_web (FreightCli  *cli,
                       int          argc,
                       char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightSignIn) sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_WEB);
  g_auto(FreightCliSaveOptions) save = { 0 };
  g_autofree char *login_url = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *username = NULL;
  gboolean sandbox = FALSE;
  gboolean no_browser = FALSE;
  int port = FREIGHT_WEB_SIGN_IN_DEFAULT_PORT;
  int timeout = FREIGHT_WEB_SIGN_IN_DEFAULT_TIMEOUT;
  const GOptionEntry entries[] = {
    { "login-url", 0, 0, G_OPTION_ARG_STRING, &login_url,
      N_("Where to sign in: a My Domain URL, or https://login.salesforce.com (default)"),
      N_("URL") },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &sandbox,
      N_("Sign in at https://test.salesforce.com"), NULL },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The consumer key of the connected app (its secret, if it has one: "
         "FREIGHT_CLIENT_SECRET)"), N_("KEY") },
    { "username", 'u', 0, G_OPTION_ARG_STRING, &username,
      N_("Fill in this username on the login page"), N_("USERNAME") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("The loopback port of the callback URL (default 1717; 0: any free port)"),
      N_("PORT") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds to wait for the browser (default 300)"), N_("SECONDS") },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser,
      N_("Only print the address to open, for a browser on this computer"), NULL },
    FREIGHT_CLI_SAVE_ENTRIES (save),
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("login web"),
    _("Signs in through the system browser with the OAuth web-server flow and PKCE, and "
      "saves the org; its refresh token keeps the session alive. The connected app must "
      "accept the callback URL http://localhost:PORT/OauthRedirect; Freight listens for it "
      "on 127.0.0.1 only."),
    _("Examples:\n"
      "  freight-cli login web --client-id KEY --alias prod\n"
      "  freight-cli login web --sandbox --client-id KEY --alias uat\n"
      "  freight-cli login web --login-url https://acme.my.salesforce.com --client-id KEY"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 1)
    return freight_cli_usage (cli, "login web", _("Unexpected argument “%s”."), argv[1]);
  if (port < 0 || port > G_MAXUINT16)
    return freight_cli_usage (cli, "login web", _("“%d” is not a port number."), port);
  if (timeout <= 0)
    return freight_cli_usage (cli, "login web", _("The timeout must be a number of seconds."));
  if (!login_url_option (cli, "login web", sign_in, login_url, sandbox, &status)
      || !client_id_option (cli, "login web", sign_in, client_id, &status))
    return status;

  freight_sign_in_set_username (sign_in, username);
  freight_sign_in_set_port (sign_in, port);
  freight_sign_in_set_timeout (sign_in, timeout);
  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                              g_getenv ("FREIGHT_CLIENT_SECRET"));
  return run_sign_in (cli, sign_in, &save, !no_browser);
}

/* jwt ------------------------------------------------------------------------------------ */

int
freight_cli_login_jwt (FreightCli  *cli,
                       int          argc,
                       char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightSignIn) sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_JWT);
  g_autoptr(GError) error = NULL;
  g_auto(FreightCliSaveOptions) save = { 0 };
  g_autofree char *login_url = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *username = NULL;
  g_autofree char *key_file = NULL;
  gboolean sandbox = FALSE;
  gboolean passphrase_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "username", 'u', 0, G_OPTION_ARG_STRING, &username,
      N_("The Salesforce username to sign in as"), N_("USERNAME") },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("The PEM private key whose certificate the connected app holds"), N_("FILE") },
    { "passphrase-stdin", 0, 0, G_OPTION_ARG_NONE, &passphrase_stdin,
      N_("Read the key’s passphrase from the first line of standard input"), NULL },
    { "login-url", 0, 0, G_OPTION_ARG_STRING, &login_url,
      N_("Where to sign in: a My Domain URL, or https://login.salesforce.com (default)"),
      N_("URL") },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &sandbox,
      N_("Sign in at https://test.salesforce.com"), NULL },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The consumer key of the connected app"), N_("KEY") },
    FREIGHT_CLI_SAVE_ENTRIES (save),
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("login jwt --username USERNAME --key-file FILE"),
    _("Signs in with the JWT bearer flow: your RSA private key signs the request, the "
      "connected app checks it with your certificate, and the user must be pre-authorized "
      "for the app. A passphrase-protected key reads its passphrase from standard input "
      "with --passphrase-stdin, else from FREIGHT_KEY_PASSPHRASE, else from a prompt; it "
      "is kept in the keyring, and the key file stays where it is."),
    _("Examples:\n"
      "  freight-cli login jwt -u ci@acme.example --key-file ~/.ssh/sf.key --client-id KEY\n"
      "  freight-cli login jwt -u ci@acme.example.uat --sandbox --key-file sf.key \\\n"
      "      --client-id KEY --passphrase-stdin < passphrase.txt"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 1)
    return freight_cli_usage (cli, "login jwt", _("Unexpected argument “%s”."), argv[1]);
  if (username == NULL)
    return freight_cli_usage (cli, "login jwt", _("Give the username with --username."));
  if (key_file == NULL)
    return freight_cli_usage (cli, "login jwt",
                              _("Give the private key file with --key-file."));
  if (!login_url_option (cli, "login jwt", sign_in, login_url, sandbox, &status)
      || !client_id_option (cli, "login jwt", sign_in, client_id, &status))
    return status;

  freight_sign_in_set_username (sign_in, username);
  freight_sign_in_set_key_file (sign_in, key_file);

  /* A passphrase only when given, or when the key says it needs one. */
  if (passphrase_stdin || g_getenv ("FREIGHT_KEY_PASSPHRASE") != NULL
      || (!freight_jwt_check_key (key_file, NULL, &error)
          && g_error_matches (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_KEY_PASSPHRASE)))
    {
      char *passphrase;

      g_clear_error (&error);
      passphrase = freight_cli_read_secret (cli, "FREIGHT_KEY_PASSPHRASE", passphrase_stdin,
                                            _("Key passphrase"), &error);
      if (passphrase == NULL)
        return freight_cli_fail (cli, error);
      set_secret (sign_in, FREIGHT_ORG_SECRET_KEY_PASSPHRASE, passphrase);
      g_free (passphrase);
    }
  g_clear_error (&error);

  return run_sign_in (cli, sign_in, &save, FALSE);
}

/* client-credentials ------------------------------------------------------------------- */

int
freight_cli_login_client_credentials (FreightCli  *cli,
                                      int          argc,
                                      char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(FreightCliSaveOptions) save = { 0 };
  g_autofree char *login_url = NULL;
  g_autofree char *client_id = NULL;
  char *secret;
  gboolean secret_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "login-url", 0, 0, G_OPTION_ARG_STRING, &login_url,
      N_("The org’s My Domain URL"), N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The consumer key of the connected app"), N_("KEY") },
    { "client-secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("Read the consumer secret from the first line of standard input"), NULL },
    FREIGHT_CLI_SAVE_ENTRIES (save),
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("login client-credentials --login-url URL --client-id KEY"),
    _("Signs in with the client credentials flow: the connected app itself signs in with "
      "its consumer key and secret and works as the Run As user an admin chose for it. "
      "The secret comes from standard input with --client-secret-stdin, else from "
      "FREIGHT_CLIENT_SECRET, else from a prompt."),
    _("Example:\n"
      "  freight-cli login client-credentials --login-url https://acme.my.salesforce.com \\\n"
      "      --client-id KEY --client-secret-stdin --alias acme-etl < secret.txt"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 1)
    return freight_cli_usage (cli, "login client-credentials", _("Unexpected argument “%s”."),
                              argv[1]);
  if (login_url == NULL)
    return freight_cli_usage (cli, "login client-credentials",
                              _("Give the org’s My Domain URL with --login-url."));

  sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS);
  freight_sign_in_set_login_url (sign_in, login_url);
  if (!client_id_option (cli, "login client-credentials", sign_in, client_id, &status))
    return status;

  secret = freight_cli_read_secret (cli, "FREIGHT_CLIENT_SECRET", secret_stdin,
                                    _("Consumer secret"), &error);
  if (secret == NULL)
    return freight_cli_fail (cli, error);
  set_secret (sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET, secret);
  g_free (secret);

  return run_sign_in (cli, sign_in, &save, FALSE);
}

/* sf ---------------------------------------------------------------------------------- */

static int
list_sf_orgs (FreightCli   *cli,
              FreightSfCli *sf)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;

  freight_sf_cli_list_orgs_async (sf, cli->cancellable, store_result, &result);
  freight_cli_wait (cli, &result);
  orgs = freight_sf_cli_list_orgs_finish (sf, result, &error);
  if (orgs == NULL)
    return freight_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < orgs->len; i++)
        json_array_add_object_element (array, freight_org_to_json (orgs->pdata[i]));
      node = json_node_init_array (json_node_alloc (), array);
      freight_cli_print_json (cli, node);
      return FREIGHT_CLI_EXIT_OK;
    }

  if (orgs->len == 0)
    {
      printf ("%s\n", _("The Salesforce CLI is signed in to no org."));
      return FREIGHT_CLI_EXIT_OK;
    }
  printf ("%s\n", _("Orgs the Salesforce CLI is signed in to; import one with "
                    "“freight-cli login sf ALIAS”:"));
  for (guint i = 0; i < orgs->len; i++)
    {
      FreightOrg *org = orgs->pdata[i];

      printf ("  %-20s  %-32s  %s\n", freight_org_get_alias (org),
              freight_org_get_username (org),
              freight_org_get_instance_url (org) != NULL ? freight_org_get_instance_url (org)
                                                         : "");
    }
  return FREIGHT_CLI_EXIT_OK;
}

int
freight_cli_login_sf (FreightCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightSfCli) sf = NULL;
  g_autoptr(FreightSignIn) sign_in = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(FreightCliSaveOptions) save = { 0 };
  g_autofree char *program = NULL;
  const GOptionEntry entries[] = {
    { "sf", 0, 0, G_OPTION_ARG_FILENAME, &program,
      N_("The Salesforce CLI to ask (default: sf in PATH)"), N_("PROGRAM") },
    FREIGHT_CLI_SAVE_ENTRIES (save),
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("login sf [ALIAS|USERNAME]"),
    _("Imports an org the Salesforce CLI (sf) is signed in to, without signing in again: "
      "its refresh token when the CLI signed in through the browser, else its access "
      "token. Without an org, lists the CLI’s orgs."),
    _("Examples:\n"
      "  freight-cli login sf\n"
      "  freight-cli login sf my-sandbox --alias uat"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 2)
    return freight_cli_usage (cli, "login sf", _("Unexpected argument “%s”."), argv[2]);

  sf = freight_sf_cli_new (program);
  if (argc < 2)
    return list_sf_orgs (cli, sf);

  freight_cli_info (cli, _("Asking the Salesforce CLI for %s…"), argv[1]);
  freight_sf_cli_import_async (sf, argv[1], cli->cancellable, store_result, &result);
  freight_cli_wait (cli, &result);
  sign_in = freight_sf_cli_import_finish (sf, result, &error);
  if (sign_in == NULL)
    return freight_cli_fail (cli, error);

  return run_sign_in (cli, sign_in, &save, FALSE);
}
