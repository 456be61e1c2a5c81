/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freight-cli-private.h"

/* freight-cli login password|token: sign in to an org and save it (facts in the config
 * folder, secrets in the keyring). Each way of signing in is a line in the table at the
 * end; the browser, JWT, client credentials and Salesforce CLI sign-ins are in
 * freight-cli-sign-in.c. Secrets are never taken from the command line, where other
 * users of the machine could read them. */

void
freight_cli_save_options_clear (FreightCliSaveOptions *options)
{
  g_clear_pointer (&options->alias, g_free);
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
}

/**
 * freight_cli_report_org:
 * @org: a signed-in, saved org
 *
 * Tells where the CLI signed in and under which alias the org is saved (as JSON with
 * --json).
 *
 * Returns: %FREIGHT_CLI_EXIT_OK
 */
int
freight_cli_report_org (FreightCli *cli,
                        FreightOrg *org)
{
  FreightOrg *default_org = cli->store != NULL ? freight_org_store_get_default (cli->store)
                                               : NULL;
  const char *alias = freight_org_get_alias (org);
  gboolean is_default = default_org != NULL
                        && g_str_equal (freight_org_get_alias (default_org), alias);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "status", "signed-in");
      json_object_set_string_member (object, "alias", alias);
      json_object_set_string_member (object, "username", freight_org_get_username (org));
      json_object_set_string_member (object, "instance_url", freight_org_get_instance_url (org));
      json_object_set_string_member (object, "org_id", freight_org_get_org_id (org));
      json_object_set_string_member (object, "user_id", freight_org_get_user_id (org));
      json_object_set_string_member (object, "auth_method",
                                     freight_auth_method_to_string (
                                       freight_org_get_auth_method (org)));
      json_object_set_boolean_member (object, "production",
                                      freight_org_get_is_production (org));
      json_object_set_boolean_member (object, "default", is_default);
      freight_cli_print_json_object (cli, object);
    }
  else
    {
      printf (_("Signed in to %s as %s; saved as “%s”.\n"), freight_org_get_instance_url (org),
              freight_org_get_username (org), alias);
      if (freight_org_get_is_production (org))
        printf ("%s\n", _("This is a production org: loads change live data."));
      if (is_default)
        printf ("%s\n", _("It is the default org."));
    }
  return FREIGHT_CLI_EXIT_OK;
}

/* Saves the signed-in org and reports it. */
static int
save_org (FreightCli                   *cli,
          FreightOrgSession            *session,
          const FreightCliSaveOptions  *options,
          const char                   *login_url,
          const char                   *client_id,
          FreightOrgSecrets            *secrets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightOrg) probe = freight_org_new ("probe");
  g_autoptr(FreightOrg) org = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;
  FreightOrgStore *store;
  const char *alias;

  freight_org_update_from_session (probe, session);
  alias = options->alias != NULL ? options->alias : freight_org_get_username (probe);
  if (alias == NULL)
    {
      g_set_error_literal (&error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_INVALID,
                           _("The org did not say who signed in; give the org a name with "
                             "--alias."));
      return freight_cli_fail (cli, error);
    }

  org = freight_org_new (alias);
  freight_org_set_login_url (org, login_url);
  freight_org_set_client_id (org, client_id);
  if (cli->ca_file != NULL)
    freight_org_set_ca_file (org, cli->ca_file);
  if (!freight_org_update_from_session (org, session))
    {
      g_set_error_literal (&error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_INVALID,
                           _("The org did not tell its id and the username, so it cannot be "
                             "saved."));
      return freight_cli_fail (cli, error);
    }
  token = freight_auth_dup_token (freight_org_session_get_auth (session));
  if (token != NULL)
    freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_ACCESS_TOKEN,
                             freight_oauth_token_get_access_token (token));

  store = freight_cli_get_store (cli, &error);
  if (store == NULL
      || !freight_org_store_save (store, org, secrets, cli->cancellable, &error)
      || (options->set_default
          && !freight_org_store_set_default (store, alias, cli->cancellable, &error)))
    return freight_cli_fail (cli, error);

  return freight_cli_report_org (cli, org);
}

static FreightOrgSession *
connect_session (FreightCli  *cli,
                 FreightAuth *auth,
                 GError     **error)
{
  g_autoptr(FreightOrgSession) session = NULL;

  session = g_object_new (FREIGHT_TYPE_ORG_SESSION,
                          "http-client", cli->http,
                          "auth", auth,
                          "max-api-version", cli->api_version,
                          NULL);
  if (!freight_org_session_connect (session, cli->cancellable, error))
    return NULL;
  return g_steal_pointer (&session);
}

/* password ------------------------------------------------------------------------------ */

static int
run_password (FreightCli  *cli,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightOAuthClient) oauth = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOrgSecrets) secrets = freight_org_secrets_new ();
  g_auto(FreightCliSaveOptions) save = { 0 };
  g_autofree char *username = NULL;
  g_autofree char *login_url = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  gboolean sandbox = FALSE;
  const char *security_token = g_getenv ("FREIGHT_SECURITY_TOKEN");
  const char *client_secret = g_getenv ("FREIGHT_CLIENT_SECRET");
  const GOptionEntry entries[] = {
    { "username", 'u', 0, G_OPTION_ARG_STRING, &username,
      N_("The Salesforce username"), N_("USERNAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from the first line of standard input"), NULL },
    { "login-url", 0, 0, G_OPTION_ARG_STRING, &login_url,
      N_("Where to sign in: a My Domain URL, or https://login.salesforce.com (default)"),
      N_("URL") },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &sandbox,
      N_("Sign in at https://test.salesforce.com"), NULL },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The consumer key of the connected app (its secret: FREIGHT_CLIENT_SECRET)"),
      N_("KEY") },
    FREIGHT_CLI_SAVE_ENTRIES (save),
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("login password --username USERNAME"),
    _("Signs in with a username and password through a connected app and saves the org. "
      "The password comes from standard input with --password-stdin, else from "
      "FREIGHT_PASSWORD, else from a prompt; a security token, when the org wants one, "
      "from FREIGHT_SECURITY_TOKEN or appended to the password."),
    _("Examples:\n"
      "  freight-cli login password --username me@example.com --client-id KEY --alias prod\n"
      "  echo \"$PASSWORD\" | freight-cli login password -u me@example.com.dev \\\n"
      "      --sandbox --client-id KEY --password-stdin --set-default"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 1)
    return freight_cli_usage (cli, "login password", _("Unexpected argument “%s”."), argv[1]);
  if (username == NULL)
    return freight_cli_usage (cli, "login password", _("Give the username with --username."));
  if (sandbox && login_url != NULL)
    return freight_cli_usage (cli, "login password",
                              _("Give either --sandbox or --login-url."));
  if (client_id == NULL && OAUTH_CLIENT_ID[0] != '\0')
    client_id = g_strdup (OAUTH_CLIENT_ID);
  if (client_id == NULL)
    return freight_cli_usage (cli, "login password",
                              _("Give the consumer key of your connected app with "
                                "--client-id."));
  if (login_url == NULL)
    login_url = g_strdup (sandbox ? FREIGHT_LOGIN_URL_SANDBOX : FREIGHT_LOGIN_URL_PRODUCTION);

  password = freight_cli_read_secret (cli, "FREIGHT_PASSWORD", password_stdin, _("Password"),
                                      &error);
  if (password == NULL)
    return freight_cli_fail (cli, error);

  if (freight_cli_get_http (cli, cli->ca_file, &error) == NULL)
    return freight_cli_fail (cli, error);
  oauth = freight_oauth_client_new (cli->http, login_url, client_id, client_secret);
  auth = freight_password_auth_sign_in (oauth, username, password, security_token,
                                        cli->cancellable, &error);
  if (auth != NULL)
    session = connect_session (cli, auth, &error);
  if (session == NULL)
    {
      wipe (password);
      return freight_cli_fail (cli, error);
    }

  freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_PASSWORD, password);
  freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_SECURITY_TOKEN, security_token);
  freight_org_secrets_set (secrets, FREIGHT_ORG_SECRET_CLIENT_SECRET, client_secret);
  wipe (password);
  return save_org (cli, session, &save, login_url, client_id, secrets);
}

/* token ---------------------------------------------------------------------------------- */

static int
run_token (FreightCli  *cli,
           int          argc,
           char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOrgSecrets) secrets = freight_org_secrets_new ();
  g_auto(FreightCliSaveOptions) save = { 0 };
  g_autofree char *token = NULL;
  gboolean token_stdin = FALSE;
  const char *url;
  const GOptionEntry entries[] = {
    { "access-token-stdin", 0, 0, G_OPTION_ARG_NONE, &token_stdin,
      N_("Read the access token from the first line of standard input"), NULL },
    FREIGHT_CLI_SAVE_ENTRIES (save),
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("login token --instance-url URL"),
    _("Saves an org from an access token (a session id), such as “sf org display” shows. "
      "The token comes from standard input with --access-token-stdin, else from "
      "--access-token or FREIGHT_ACCESS_TOKEN, else from a prompt. A pasted token cannot "
      "be renewed: sign in again when it expires."),
    _("Example:\n"
      "  freight-cli login token --instance-url https://mydomain.my.salesforce.com \\\n"
      "      --access-token-stdin --alias dev < token.txt"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 1)
    return freight_cli_usage (cli, "login token", _("Unexpected argument “%s”."), argv[1]);

  url = cli->instance_url != NULL ? cli->instance_url : g_getenv ("FREIGHT_INSTANCE_URL");
  if (url == NULL)
    return freight_cli_usage (cli, "login token",
                              _("Give the org’s address with --instance-url."));
  if (!token_stdin && cli->access_token != NULL)
    token = g_strdup (cli->access_token);
  else
    token = freight_cli_read_secret (cli, "FREIGHT_ACCESS_TOKEN", token_stdin,
                                     _("Access token"), &error);
  if (token == NULL)
    return freight_cli_fail (cli, error);

  if (freight_cli_get_http (cli, cli->ca_file, &error) == NULL)
    return freight_cli_fail (cli, error);
  auth = freight_access_token_auth_sign_in (cli->http, url, token, cli->cancellable, &error);
  wipe (token);
  if (auth != NULL)
    session = connect_session (cli, auth, &error);
  if (session == NULL)
    return freight_cli_fail (cli, error);

  return save_org (cli, session, &save, url, NULL, secrets);
}

static const FreightCliSubcommand subcommands[] = {
  { "web", N_("Sign in through the browser (OAuth with PKCE)"), freight_cli_login_web },
  { "jwt", N_("Sign in with a private key (JWT bearer)"), freight_cli_login_jwt },
  { "password", N_("Sign in with a username and password"), run_password },
  { "token", N_("Save an org from an access token"), run_token },
  { "client-credentials", N_("Sign in as a connected app’s Run As user"),
    freight_cli_login_client_credentials },
  { "sf", N_("Import an org signed in with the Salesforce CLI"), freight_cli_login_sf },
  { NULL, NULL, NULL }
};

static int
run_login (FreightCli  *cli,
           int          argc,
           char       **argv)
{
  return freight_cli_run_subcommand (cli, "login",
                                     _("Signing in saves the org: its secrets go to the "
                                       "keyring, the rest to the config folder. "
                                       "“freight-cli orgs” manages the saved orgs.\n"
                                       "\n"
                                       "Examples:\n"
                                       "  freight-cli login web --client-id KEY --alias "
                                       "prod\n"
                                       "  freight-cli login jwt --username "
                                       "ci@example.com --key-file sf.key --client-id KEY\n"
                                       "  freight-cli login password --username "
                                       "me@example.com --client-id KEY\n"
                                       "  freight-cli login token --instance-url "
                                       "https://mydomain.my.salesforce.com\n"
                                       "  freight-cli login sf my-sandbox"),
                                     subcommands, argc, argv);
}

const FreightCliCommand freight_cli_login_command = {
  "login",
  N_("Sign in to an org and save it"),
  run_login,
};
